// policy.ts is the only source of access: pages, components, routes and lib code ask can()
// (or its halves roleAllows/planAllows) by action id, never the parts it is built from. A
// second place that compares roles or looks up a plan's features is a rule written twice.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const PARTS = /\b(planHasFeature|roleAtLeast)\s*\(/;
const POLICY_MODULE = path.join(ROOT, "lib", "licensing") + path.sep;

describe("access is decided in lib/licensing/policy.ts only", () => {
  it("nothing in app/, components/ or lib/ outside lib/licensing calls planHasFeature( or roleAtLeast(", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !file.startsWith(POLICY_MODULE))
      .flatMap((file) =>
        fs
          .readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (PARTS.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it("the scan sees the policy's own definitions (so a renamed helper cannot slip past it)", () => {
    const policy = fs.readFileSync(path.join(POLICY_MODULE, "policy.ts"), "utf8");
    expect(policy).toMatch(/export function planHasFeature\(/);
    expect(policy).toMatch(/export function roleAtLeast\(/);
    expect(sourceFiles(path.join(ROOT, "app")).length).toBeGreaterThan(10);
  });
});
