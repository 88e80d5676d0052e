// The step-up tables (docs/step-up.md) are what people read first; they are rendered from
// the policy file (scripts/lib/policy-tables.ts, `npm run docs:policy`) and must not drift.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "@/lib/licensing/policy";
import { actionTable, renderInto } from "@/scripts/lib/policy-tables";

const page = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/step-up.md"), "utf8");

describe("docs/step-up.md policy tables", () => {
  it("are exactly what the policy renders (run `npm run docs:policy` after changing the policy)", () => {
    expect(page).toBe(renderInto(page));
  });

  it.each(ACTION_IDS.map((id) => [id]))("name %s", (id) => {
    expect(actionTable()).toContain(`\`${id}\``);
  });
});
