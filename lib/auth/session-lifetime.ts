// How long a session may live. A stolen or forgotten cookie must not be good forever, so a
// Session row ends at whichever comes first:
//   - absolute: SESSION_MAX_AGE_HOURS after sign-in (default 168 h = 7 days): a week of
//     continuous use, then the password (or passkey) again. High-value actions already need
//     a fresh step-up, so the session only has to answer "whose browser is this";
//   - idle: SESSION_IDLE_MINUTES after the last request (default 1440 = 24 h): a browser left
//     signed in on a shared machine ends overnight, a working day's pauses do not end it.
// lastSeenAt is refreshed at most once a minute (load-session.ts), so idle expiry can come up
// to that much early, never late. Both limits are checked by loadSession (which revokes the
// row, reason "expired" or "idle") and again by the guard's facts query (lib/guard/guard-sql.ts,
// from sessionCutoffs), so a session that ends between the two is refused all the same.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type SessionEnd = "expired" | "idle";

/** A session is live at `now` only if created after `createdAfter` and last seen after `lastSeenAfter`. */
export function sessionCutoffs(now: Date) {
  const { SESSION_MAX_AGE_HOURS: hours, SESSION_IDLE_MINUTES: minutes } = env();
  return { createdAfter: new Date(now.getTime() - hours * 3_600_000), lastSeenAfter: new Date(now.getTime() - minutes * 60_000) };
}

/** Why a session is over at `now`, or null while it is within both limits. */
export function sessionEnd({ createdAt, lastSeenAt, now }: { createdAt: Date; lastSeenAt: Date; now: Date }): SessionEnd | null {
  const { createdAfter, lastSeenAfter } = sessionCutoffs(now);
  if (createdAt <= createdAfter) return "expired";
  if (lastSeenAt <= lastSeenAfter) return "idle";
  return null;
}

/** The same rule as a Prisma filter on Session. */
export function liveSessionWhere(now: Date) {
  const { createdAfter, lastSeenAfter } = sessionCutoffs(now);
  return { createdAt: { gt: createdAfter }, lastSeenAt: { gt: lastSeenAfter } } satisfies Prisma.SessionWhereInput;
}

/** Why the sign-in page says a session ended: on its own, or by Require SSO (lib/sso/end-sessions-outside-sso.ts). */
export type SessionEndNotice = SessionEnd | "sso_required";

export const isSessionEndNotice = (reason: string | null): reason is SessionEndNotice =>
  reason === "expired" || reason === "idle" || reason === "sso_required";

/** The sign-in page's notice for a session that ended without its user signing out. */
export function sessionEndMessage(end: SessionEndNotice): string {
  if (end === "sso_required") {
    return "Your organization requires single sign-on. You signed in through it in another browser, so this session was ended. Sign in with single sign-on.";
  }
  const { SESSION_MAX_AGE_HOURS: hours, SESSION_IDLE_MINUTES: minutes } = env();
  return end === "expired"
    ? `Your session reached its maximum length of ${duration(hours * 60)}. Please sign in again.`
    : `You were signed out after ${duration(minutes)} without activity. Please sign in again.`;
}

function duration(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0 && minutes > 1440) return unit(minutes / 1440, "day");
  if (minutes % 60 === 0) return unit(minutes / 60, "hour");
  return unit(minutes, "minute");
}
