// The step-up policy table (docs/step-up.md) is what people read first; it must not drift
// from the policy file. Every action id appears in it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "@/lib/licensing/policy";

const page = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/step-up.md"), "utf8");
const table = page.slice(page.indexOf("## The policy"), page.indexOf("## The request path"));

describe("docs/step-up.md policy table", () => {
  it.each(ACTION_IDS.map((id) => [id]))("names %s", (id) => {
    const family = `${id.split(".")[0]}.*`;
    expect(table.includes(`\`${id}\``) || table.includes(`\`${family}\``)).toBe(true);
  });
});
