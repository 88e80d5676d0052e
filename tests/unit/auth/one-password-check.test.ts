// Every password check spends the one throttle and lockout only if every check goes through
// lib/auth/check-password.ts. A new door that calls verifyPassword itself (an account
// deletion form, an API) would be an unthrottled password oracle: this fails first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

describe("attack: a password check that bypasses the shared throttle", () => {
  it("only lib/auth/check-password.ts calls verifyPassword", () => {
    const callers = ["app", "components", "lib", "server"]
      .filter((d) => fs.existsSync(path.join(ROOT, d)))
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => /\bverifyPassword\b/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
      .sort();
    expect(callers).toEqual(["lib/auth/check-password.ts", "lib/auth/password.ts"]);
  });
});
