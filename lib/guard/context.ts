// Who is asking. Built by the entry point (session cookie or API key), never by the
// action: actions receive it and never read cookies themselves.
export type GuardContext =
  | { kind: "session"; sid: string; userId: string; email: string; orgId: string }
  /** An org API key. It acts with its creator's current role in the key's org. */
  | { kind: "api_key"; apiKeyId: string; orgId: string; userId: string };
