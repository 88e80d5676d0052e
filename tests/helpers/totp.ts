// Authenticator-app helpers: enrol TOTP through the real bodies (start with the password or a
// step-up, confirm with a code made from the key the enrolment screen shows) and make codes
// for any moment, as a phone would.
import { generate } from "otplib";
import type { PlanId } from "@/lib/licensing/policy";
import type { SessionContext } from "@/lib/guard/context";
import { startFirstTotp } from "@/lib/factors/totp-enrol";
import { confirmTotpEnrolment } from "@/lib/factors/totp-confirm";
import { stepUpWithTotp } from "@/lib/step-up/totp-step-up";
import type { ActionId } from "@/lib/licensing/policy";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";

export type TotpAccount = Awaited<ReturnType<typeof userWithTotp>>;

export const ctxOf = (u: { user: { id: string; email: string }; org: { id: string }; session: { id: string } }): SessionContext => ({
  kind: "session",
  sid: u.session.id,
  userId: u.user.id,
  email: u.user.email,
  orgId: u.org.id,
});

/** The code an authenticator app shows at `at` for the key from the enrolment screen. */
export const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** The key as the page shows it ("ABCD EFGH …") → the base32 seed. */
export const seedOf = (manualKey: string) => manualKey.replace(/\s/g, "");

/** A user with an org on `plan`, a session, and a confirmed authenticator app as their only factor. */
export async function userWithTotp({ plan = "pro" as PlanId, now = new Date() } = {}) {
  const { user, org } = await createUserWithOrg({ plan });
  const session = await createSession({ userId: user.id, orgId: org.id });
  const base = { user, org, session };
  const started = await startFirstTotp({ input: { password: TEST_PASSWORD }, ctx: ctxOf(base), ip: "192.0.2.10", now });
  if (!started.ok) throw new Error(`TOTP start failed: ${started.error.message}`);
  const secret = seedOf(started.data.manualKey);
  const confirmed = await confirmTotpEnrolment({ input: { code: await codeAt(secret, now) }, ctx: ctxOf(base), ip: "192.0.2.10", now });
  if (!confirmed.ok) throw new Error(`TOTP confirm failed: ${confirmed.error.message}`);
  return { ...base, secret, enrolledAt: now, recoveryCodes: confirmed.data.recoveryCodes };
}

/** A step-up with a code (the route's body) for the account's session. */
export function totpStepUp(u: TotpAccount, { code, actionId = null, now }: { code: string; actionId?: ActionId | null; now: Date }) {
  return stepUpWithTotp({
    userId: u.user.id,
    email: u.user.email,
    sessionId: u.session.id,
    orgId: u.org.id,
    code,
    actionId,
    now,
    ip: "192.0.2.10",
  });
}
