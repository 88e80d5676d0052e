// next-auth configuration (v4, JWT strategy). The JWT carries only `sid`; the Session row
// it names is checked on every request by getCurrentSession(), so revoking the row ends
// the session even though the cookie stays validly signed. The row also enforces the
// absolute and idle lifetimes (session-lifetime.ts); the JWT never outlives the absolute one.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { revokeSession } from "@/lib/auth/sessions";
import { clientIp } from "@/lib/http/client-ip";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";
import { extraAuthProviders } from "@/lib/auth/extra-providers";

type Headerish = Record<string, string | string[] | undefined> | undefined;
const header = (h: Headerish, name: string) => {
  const v = h?.[name];
  return Array.isArray(v) ? v[0] : v;
};

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_HOURS * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const headers = req?.headers as Headerish;
          const outcome = await signInWithPassword({
            input: { email: credentials?.email, password: credentials?.password },
            ip: clientIp((name) => header(headers, name)),
            userAgent: header(headers, "user-agent") ?? "",
          });
          if (!outcome.ok) {
            // The message travels to the client as `error`; it never says whether the email exists.
            throw new Error(outcome.reason === "throttled" ? `throttled:${outcome.retryAfter}` : "invalid_credentials");
          }
          return { id: outcome.userId, sid: outcome.sid };
        },
      }),
      ...extraAuthProviders(),
    ],
    callbacks: {
      // Every redirect next-auth makes (callbackUrl of sign-in and sign-out, its error page)
      // passes the same check as the sign-in page's: same origin, no control characters.
      redirect({ url }) {
        return new URL(safeCallbackUrl(url), env().origin).href;
      },
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid && token.sub) {
          await revokeSession({ sessionId: token.sid, userId: token.sub, reason: "sign_out" });
        }
      },
    },
  };
}
