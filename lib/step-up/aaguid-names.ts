// A passkey's default name: the authenticator it lives in, when its AAGUID is one people
// know (the community list at github.com/passkeydeveloper/passkey-authenticator-aaguids),
// else the browser and OS that created it ("Chrome on macOS"). The person can rename it; the
// default only has to let them tell their keys apart. A short committed map, not the whole
// list: an unknown AAGUID (or the all-zero one many authenticators send with attestation
// "none") falls back to the browser, which is still useful.
import { describeUserAgent } from "@/components/account/describe-user-agent";

const YUBIKEY_5 = "YubiKey 5";
const WINDOWS_HELLO = "Windows Hello";

export const KNOWN_AAGUIDS: Readonly<Record<string, string>> = {
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "dd4ec289-e01d-41c9-bb89-70fa845d4bf2": "iCloud Keychain",
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": WINDOWS_HELLO,
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": WINDOWS_HELLO,
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": WINDOWS_HELLO,
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
  "53414d53-554e-4700-0000-000000000000": "Samsung Pass",
  "fdb141b2-5d84-443e-8a35-4698c205a502": "KeePassXC",
  "50726f74-6f6e-5061-7373-50726f746f6e": "Proton Pass",
  "cb69481e-8ff7-4039-93ec-0a2729a154a8": YUBIKEY_5,
  "ee882879-721c-4913-9775-3dfcce97072a": YUBIKEY_5,
  "fa2b99dc-9e39-4257-8f92-4a30d23c4118": YUBIKEY_5,
  "2fc0579f-8113-47ea-b116-bb5a8db9202a": YUBIKEY_5,
  "a25342c0-3cdc-4414-8e46-f4807fca511c": YUBIKEY_5,
};

/** The name a new passkey gets when the person did not choose one (≤ 64 characters, like ZPasskeyNameSchema). */
export function defaultPasskeyName({ aaguid, userAgent }: { aaguid: string; userAgent: string }): string {
  const known = KNOWN_AAGUIDS[aaguid.toLowerCase()];
  if (known) return known;
  return userAgent ? describeUserAgent(userAgent).slice(0, 64) : "Passkey";
}
