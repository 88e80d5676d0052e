import { describe, expect, it } from "vitest";
import { defaultPasskeyName, KNOWN_AAGUIDS } from "@/lib/step-up/aaguid-names";

const MAC_CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const ZERO = "00000000-0000-0000-0000-000000000000";

describe("a passkey's default name", () => {
  it("is the authenticator when its AAGUID is known, whatever the browser", () => {
    expect(defaultPasskeyName({ aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd", userAgent: MAC_CHROME })).toBe("iCloud Keychain");
    expect(defaultPasskeyName({ aaguid: "EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4", userAgent: "" })).toBe("Google Password Manager");
    expect(defaultPasskeyName({ aaguid: "bada5566-a7aa-401f-bd96-45619a55120d", userAgent: MAC_CHROME })).toBe("1Password");
  });

  it("is the browser and OS for an unknown or all-zero AAGUID, else 'Passkey'", () => {
    expect(defaultPasskeyName({ aaguid: ZERO, userAgent: MAC_CHROME })).toBe("Chrome on macOS");
    expect(defaultPasskeyName({ aaguid: ZERO, userAgent: "" })).toBe("Passkey");
  });

  it("every known AAGUID is a lowercase UUID and every name fits a passkey name (1–64 characters)", () => {
    for (const [aaguid, name] of Object.entries(KNOWN_AAGUIDS)) {
      expect(aaguid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(64);
    }
  });
});
