// Every password check spends the one throttle and lockout only if every check goes through
// lib/auth/check-password.ts. A new door that calls verifyPassword itself (an account
// deletion form, an API) would be an unthrottled password oracle: this fails first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const filesMatching = (pattern: RegExp) =>
  ["app", "components", "lib", "server"]
    .filter((d) => fs.existsSync(path.join(ROOT, d)))
    .flatMap((d) => sourceFiles(path.join(ROOT, d)))
    .filter((f) => pattern.test(fs.readFileSync(f, "utf8")))
    .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
    .sort();

describe("attack: a password check that bypasses the shared throttle", () => {
  // The one other argon2 check is a recovery code's (lib/factors/recovery-codes.ts), and it
  // has one caller, which runs it under the shared budget (attemptSecret).
  it("only lib/auth/check-password.ts (and the recovery-code check) call verifyPassword", () => {
    expect(filesMatching(/\bverifyPassword\b/)).toEqual([
      "lib/auth/check-password.ts",
      "lib/auth/password.ts",
      "lib/factors/recovery-codes.ts",
    ]);
  });

  it("the recovery-code check is only reached through attemptSecret", () => {
    expect(filesMatching(/\bfindRecoveryCode\b/)).toEqual(["lib/factors/recovery-codes.ts", "lib/factors/recovery-redeem.ts"]);
    expect(fs.readFileSync(path.join(ROOT, "lib/factors/recovery-redeem.ts"), "utf8")).toMatch(
      /attemptSecret\(\{[\s\S]*check:[\s\S]*findRecoveryCode/,
    );
  });
});
