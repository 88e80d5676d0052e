// zod schemas for what browsers send during WebAuthn ceremonies. Sizes are capped so a
// hostile body cannot make the server decode megabytes of CBOR.
import { z } from "zod";
import { ACTION_IDS, type ActionId } from "@/lib/licensing/policy";

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");

export const ZAuthenticationResponseSchema = z.object({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(1024),
    userHandle: b64url(512).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
export type AuthenticationResponseInput = z.infer<typeof ZAuthenticationResponseSchema>;

export const ZRegistrationResponseSchema = z.object({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16384),
    authenticatorData: b64url(8192).optional(),
    transports: z
      .array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]))
      .max(8)
      .optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(2048).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
export type RegistrationResponseInput = z.infer<typeof ZRegistrationResponseSchema>;

export const ZActionIdSchema = z.enum(ACTION_IDS as [ActionId, ...ActionId[]], { error: "Unknown action." });

export const ZPasskeyNameSchema = z
  .string({ error: "Give the passkey a name." })
  .trim()
  .min(1, "Give the passkey a name.")
  .max(64, "Keep the name under 64 characters.");

export const ZUserCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-9]{4}-?[A-Z2-9]{4}$/, "That code does not look right.")
  .transform((c) => (c.includes("-") ? c : `${c.slice(0, 4)}-${c.slice(4)}`));
