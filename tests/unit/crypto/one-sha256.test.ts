// Tokens, API keys and idempotency inputs are all stored as one digest. A second hand-written
// SHA-256 (another encoding, a salt, a trimmed input) would make a stored hash that the
// lookup side no longer matches, or a second place to get it wrong: this fails first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/hash-token";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

describe("one SHA-256 helper", () => {
  it('only lib/crypto/hash-token.ts calls createHash("sha256")', () => {
    const callers = ["app", "components", "lib", "bench", "scripts"]
      .filter((d) => fs.existsSync(path.join(ROOT, d)))
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => /createHash\(\s*["'`]sha256["'`]/i.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
      .sort();
    expect(callers).toEqual(["lib/crypto/hash-token.ts"]);
  });

  it("is lowercase hex SHA-256 of the UTF-8 text (stored hashes depend on exactly this)", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });
});
