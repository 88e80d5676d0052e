// next-auth configuration (v4, JWT strategy). The JWT carries only `sid`; the Session row
// it names is checked on every request by getCurrentSession(), so revoking the row ends
// the session even though the cookie stays validly signed.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { revokeSession } from "@/lib/auth/sessions";
import { clientIp } from "@/lib/http/client-ip";
import { extraAuthProviders } from "@/lib/auth/extra-providers";

type Headerish = Record<string, string | string[] | undefined> | undefined;
const header = (h: Headerish, name: string) => {
  const v = h?.[name];
  return Array.isArray(v) ? v[0] : v;
};

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
