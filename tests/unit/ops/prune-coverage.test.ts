// Every table whose rows expire has a prune step (lib/ops/prune-expired.ts): a new model with
// an `expiresAt` column cannot ship without saying how long its rows are kept and why.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "@/tests/helpers/source-files";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

function modelsWithExpiry(schema: string): string[] {
  const models: string[] = [];
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    if (/^\s+expiresAt\s/m.test(block[2]!)) models.push(block[1]!);
  }
  return models.sort();
}

describe("prune coverage", () => {
  it("finds the models (the parser still reads the schema)", () => {
    expect(modelsWithExpiry(read("prisma/schema.prisma"))).toContain("WebAuthnChallenge");
  });

  it("prunes every table that has an expiresAt column", () => {
    const steps = new Set([...read("lib/ops/prune-expired.ts").matchAll(/table: "(\w+)"/g)].map((m) => m[1]));
    const missing = modelsWithExpiry(read("prisma/schema.prisma")).filter((model) => !steps.has(model));
    expect(missing, "add a step with its retention and why to lib/ops/prune-expired.ts").toEqual([]);
  });
});
