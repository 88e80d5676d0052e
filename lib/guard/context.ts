// Who is asking. Built by the entry point (session cookie or API key), never by the
// action: actions receive it and never read cookies themselves.
import type { CurrentSession } from "@/lib/auth/load-session";

export type GuardContext =
  | { kind: "session"; sid: string; userId: string; email: string; orgId: string }
  /** An org API key. It acts with its creator's current role in the key's org. */
  | { kind: "api_key"; apiKeyId: string; orgId: string; userId: string };

export type SessionContext = Extract<GuardContext, { kind: "session" }>;

/** The guard's view of a signed-in browser session. */
export function sessionContext(session: CurrentSession): SessionContext {
  return { kind: "session", sid: session.sid, userId: session.user.id, email: session.user.email, orgId: session.org.id };
}
