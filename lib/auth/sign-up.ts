// Sign-up: a user, their personal organisation, the owner membership and a verification
// token, all or nothing; then (after commit) one mail. The answer is the same whether or not
// the address already has an account: "check your inbox". An existing confirmed owner is
// mailed "someone tried to sign up with your address"; an existing unconfirmed account gets
// a fresh verification link (its password is never changed from here). Nothing signs in:
// signing in only the new address would tell anyone which addresses are registered.
// The password is hashed on every path, so the time taken does not say which path ran.
import "server-only";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { ZSignUpSchema } from "@/lib/auth/schemas";
import { issueEmailToken } from "@/lib/auth/email-tokens";
import { throttleSignUp } from "@/lib/auth/mail-throttle";
import { createOrganization } from "@/lib/orgs/create-organization";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendMail } from "@/lib/mail/transport";
import { mailLinks } from "@/lib/mail/links";
import { verifyEmailMail } from "@/lib/mail/templates/verify-email";
import { signUpAttemptMail } from "@/lib/mail/templates/sign-up-attempt";
import type { MailMessage } from "@/lib/mail/compose";
import { logger } from "@/lib/log";

/** The one answer. `mailReference` is set when the mail could not be sent (same on every path). */
export type SignUpResult = { email: string; mailSent: boolean; mailReference?: string };

export async function signUp({
  input,
  ip = null,
  now,
}: {
  input: unknown;
  /** null only without a request (tests, scripts): the per-IP limit then does not apply. */
  ip?: string | null;
  now: Date;
}): Promise<ActionResult<SignUpResult>> {
  const parsed = ZSignUpSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { name, email, password } = parsed.data;

  const throttled = await throttleSignUp({ ip, now });
  if (!throttled.ok) {
    logger.warn({ event: "auth.sign_up_throttled", ip }, "sign-up throttled");
    return refuse({ kind: "locked", retryAfter: throttled.retryAfter, message: throttled.message });
  }

  const passwordHash = await hashPassword(password);
  const mail = (await createAccount({ name, email, passwordHash, now })) ?? (await existingAccountMail({ email, now }));
  if (!mail) return ok({ email, mailSent: true }); // the account vanished between the two steps: nothing to send
  const sent = await sendMail(mail.kind, mail.message);
  return ok(sent.sent ? { email, mailSent: true } : { email, mailSent: false, mailReference: sent.reference });
}

type Outgoing = { kind: string; message: MailMessage };

/** A new account and its verification mail, or null when the address is taken (the unique index decides, so two racing sign-ups make one account). */
async function createAccount({ name, email, passwordHash, now }: { name: string; email: string; passwordHash: string; now: Date }) {
  try {
    const { userId, token } = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } });
      await createOrganization({ tx, name: `${name}'s workspace`, ownerId: user.id, personal: true });
      const { token } = await issueEmailToken({ tx, userId: user.id, purpose: "verify_email", now });
      return { userId: user.id, token };
    });
    logger.info({ event: "user.signed_up", userId }, "user signed up");
    return { kind: "verify_email", message: verifyEmailMail({ to: email, name, url: mailLinks.verifyEmail(token) }) } satisfies Outgoing;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return null;
    throw err;
  }
}

async function existingAccountMail({ email, now }: { email: string; now: Date }): Promise<Outgoing | null> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, emailVerifiedAt: true } });
    if (!user) return null;
    logger.info(
      { event: "auth.sign_up_existing", userId: user.id, verified: Boolean(user.emailVerifiedAt) },
      "sign-up for an existing address",
    );
    if (user.emailVerifiedAt) {
      const message = signUpAttemptMail({
        to: email,
        name: user.name,
        signInUrl: mailLinks.signIn(),
        resetUrl: mailLinks.forgotPassword(),
      });
      return { kind: "sign_up_attempt", message };
    }
    const { token } = await issueEmailToken({ tx, userId: user.id, purpose: "verify_email", now });
    return {
      kind: "verify_email",
      message: verifyEmailMail({ to: email, name: user.name, url: mailLinks.verifyEmail(token), again: true }),
    };
  });
}
