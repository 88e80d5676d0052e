// The README's step-up policy table is what people read first; it must not drift from the
// policy file. Every action id appears in it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "@/lib/licensing/policy";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
const table = readme.slice(readme.indexOf("### The policy"), readme.indexOf("### The request path"));

describe("README policy table", () => {
  it.each(ACTION_IDS.map((id) => [id]))("names %s", (id) => {
    const family = `${id.split(".")[0]}.*`;
    expect(table.includes(`\`${id}\``) || table.includes(`\`${family}\``)).toBe(true);
  });
});
