// TOTP (RFC 6238) with otplib 13's async API: the authenticator-app defaults every app
// understands (SHA-1, 6 digits, 30-second steps), a 20-byte random seed, codes accepted one
// step either side of now (a phone clock a little off, a code typed as it rolled over). The
// seed is sealed at rest bound to its user (a sealed seed copied onto another user's row does
// not open). The QR code is drawn here on the server: the seed never goes to a third party.
import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

export const TOTP_PERIOD_SECONDS = 30;
/** ±1 step: the window otplib checks around now, in seconds. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
const ISSUER = "tiergate";

/** A code as people type it: spaces or a dash in the middle are fine; anything else is a clear error. */
export const ZTotpCodeSchema = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .max(20, "Enter the 6-digit code from your authenticator app.")
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

export const newTotpSecret = (): string => generateSecret();

const context = (userId: string) => `totp:${userId}`;
export const sealTotpSecret = (secret: string, userId: string) => sealSecret(secret, context(userId));
export const openTotpSecret = (sealed: string, userId: string) => openSecret(sealed, context(userId));

/**
 * The time step `code` belongs to (within ±1 step of `now`), or null. Only the match: whether
 * the step was already used is the caller's (an atomic update, lib/factors/totp-check.ts).
 */
export async function matchTotpStep({ secret, code, now }: { secret: string; code: string; now: Date }): Promise<number | null> {
  // Callers pass ZTotpCodeSchema's output; anything else is simply not a match (otplib throws on it).
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS });
  // The functional API's result type also covers HOTP; a TOTP match always has its step.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** What the enrolment screen shows: the QR code (an SVG data URL) and the key to type by hand. */
export async function enrolmentPicture({ secret, email }: { secret: string; email: string }) {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    // Groups of four, as most apps show it and people read it aloud.
    manualKey: secret.replace(/(.{4})/g, "$1 ").trim(),
  };
}
