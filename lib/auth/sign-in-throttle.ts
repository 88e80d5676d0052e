// Sign-in throttling, stored in Postgres so every instance shares it. Counts failures in a
// sliding window per email and per IP; the refusal is the same whether the email exists.
import "server-only";
import { db } from "@/lib/db/client";

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until sign-in may be tried again, or 0 when allowed. */
export async function signInRetryAfter({ email, ip, now }: { email: string; ip: string; now: Date }): Promise<number> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_SECONDS * 1000);
  const rows = await db.$queryRaw<{ key: string; failures: bigint; oldest: Date }[]>`
    select key, count(*) as failures, min("createdAt") as oldest
    from "SignInAttempt"
    where key in (${emailKey(email)}, ${ipKey(ip)}) and succeeded = false and "createdAt" > ${since}
    group by key`;
  let retryAfter = 0;
  for (const row of rows) {
    const limit = row.key.startsWith("email:") ? MAX_FAILURES_PER_EMAIL : MAX_FAILURES_PER_IP;
    if (Number(row.failures) >= limit) {
      const freeAt = row.oldest.getTime() + SIGN_IN_WINDOW_SECONDS * 1000;
      retryAfter = Math.max(retryAfter, Math.ceil((freeAt - now.getTime()) / 1000));
    }
  }
  return retryAfter;
}

export async function recordSignInAttempt({ email, ip, succeeded }: { email: string; ip: string; succeeded: boolean }) {
  if (succeeded) {
    // A successful sign-in clears the email's failures (not the IP's: one good account must
    // not launder an IP that is guessing others).
    await db.signInAttempt.deleteMany({ where: { key: emailKey(email), succeeded: false } });
    return;
  }
  await db.signInAttempt.createMany({
    data: [
      { key: emailKey(email), succeeded: false },
      { key: ipKey(ip), succeeded: false },
    ],
  });
}
