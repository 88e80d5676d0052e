// A software WebAuthn authenticator for integration tests: real ES256 keys (node:crypto),
// real CBOR attestation objects ('none' format) and real signed assertions, so the server's
// verification runs exactly as it does for a browser. Knobs let a test forge what an
// attacker could: UV flag off, another origin or RP ID, a replayed or stale counter.
import crypto from "node:crypto";

// ── A tiny CBOR encoder: unsigned/negative ints, byte and text strings, maps. ──────────────
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [k: string]: Cbor };

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(length, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

export function cborEncode(value: Cbor): Buffer {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error("only integers");
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries: [Cbor, Cbor][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cborEncode(k), cborEncode(v)])]);
}

// ── The authenticator ───────────────────────────────────────────────────────────────────
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export type CeremonyKnobs = { origin?: string; rpId?: string; userVerified?: boolean; counter?: number; type?: string };

export class SoftAuthenticator {
  readonly credentialId = crypto.randomBytes(32);
  private readonly keys = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  counter = 0;

  constructor(readonly defaults: { origin: string; rpId: string } = { origin: "http://localhost:3000", rpId: "localhost" }) {}

  get id(): string {
    return this.credentialId.toString("base64url");
  }

  private coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    return cborEncode(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  private authData({ rpId, userVerified, counter, attested }: { rpId: string; userVerified: boolean; counter: number; attested: boolean }) {
    const rpIdHash = crypto.createHash("sha256").update(rpId).digest();
    const flags = Buffer.from([FLAG_UP | (userVerified ? FLAG_UV : 0) | (attested ? FLAG_AT : 0)]);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    if (!attested) return Buffer.concat([rpIdHash, flags, count]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([rpIdHash, flags, count, Buffer.alloc(16), idLength, this.credentialId, this.coseKey()]);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(), as RegistrationResponseJSON. */
  register({ challenge, ...knobs }: { challenge: string } & CeremonyKnobs) {
    const rpId = knobs.rpId ?? this.defaults.rpId;
    const authData = this.authData({ rpId, userVerified: knobs.userVerified ?? true, counter: this.counter, attested: true });
    const attestationObject = cborEncode({ fmt: "none", attStmt: {}, authData });
    const clientDataJSON = this.clientData(knobs.type ?? "webauthn.create", challenge, knobs.origin ?? this.defaults.origin);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        attestationObject: attestationObject.toString("base64url"),
        transports: ["internal" as const],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    };
  }

  /** navigator.credentials.get(), as AuthenticationResponseJSON. Bumps the counter. */
  assert({ challenge, ...knobs }: { challenge: string } & CeremonyKnobs) {
    const counter = knobs.counter ?? ++this.counter;
    const rpId = knobs.rpId ?? this.defaults.rpId;
    const authData = this.authData({ rpId, userVerified: knobs.userVerified ?? true, counter, attested: false });
    const clientDataJSON = this.clientData(knobs.type ?? "webauthn.get", challenge, knobs.origin ?? this.defaults.origin);
    const signed = Buffer.concat([authData, crypto.createHash("sha256").update(clientDataJSON).digest()]);
    const signature = crypto.sign("sha256", signed, this.keys.privateKey); // DER, as WebAuthn ES256 expects
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        authenticatorData: authData.toString("base64url"),
        signature: signature.toString("base64url"),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    };
  }
}
