// Grant revocation has one writer (lib/step-up/revoke-grants.ts): it stamps the caller's
// clock and audits every revoked grant. A second writer (an `updateMany` with
// `revokedAt:` on stepUpGrant, or a raw UPDATE) is how a revocation goes unaudited or
// lands on another clock: this fails first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const PRISMA_WRITE = /stepUpGrant\s*\.\s*(update|updateMany|updateManyAndReturn|upsert)\s*\(\s*\{[\s\S]*?\}\s*\)/g;
const RAW_WRITE = /UPDATE\s+"StepUpGrant"\s+SET[^;`]*"revokedAt"/i;

function revokesGrants(source: string): boolean {
  const prismaWrite = [...source.matchAll(PRISMA_WRITE)].some((m) => /data\s*:\s*\{[^}]*revokedAt\s*:/.test(m[0]));
  return prismaWrite || RAW_WRITE.test(source);
}

describe("one writer of grant revocation", () => {
  it("only lib/step-up/revoke-grants.ts writes StepUpGrant.revokedAt", () => {
    const writers = ["app", "components", "lib", "scripts"]
      .filter((d) => fs.existsSync(path.join(ROOT, d)))
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => revokesGrants(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
      .sort();
    expect(writers).toEqual(["lib/step-up/revoke-grants.ts"]);
  });

  it("recognises both forms of a second writer", () => {
    expect(revokesGrants(`await tx.stepUpGrant.updateMany({ where: { orgId }, data: { revokedAt: now, revokedReason: "x" } });`)).toBe(
      true,
    );
    expect(revokesGrants('await tx.$executeRaw`UPDATE "StepUpGrant" SET "revokedAt" = ${now} WHERE id = ${id}`')).toBe(true);
    expect(revokesGrants(`await tx.stepUpGrant.updateMany({ where: { id, revokedAt: null }, data: { consumedAt: now } });`)).toBe(false);
  });
});
