// next-auth Credentials provider "sso": the browser posts the single-use ticket the SSO
// callback left (app/(auth)/sso/complete), and the session opens like the passkey sign-in's.
// Why a provider and not a route that mints the JWT: next-auth stays the one writer of the
// session cookie (its name, flags, signing and the sid it carries).
import "server-only";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/http/client-ip";
import { redeemSsoTicket } from "@/lib/sso/redeem-sso-ticket";

type Headerish = Record<string, string | string[] | undefined> | undefined;

export function ssoProvider() {
  return CredentialsProvider({
    id: "sso",
    name: "Single sign-on",
    credentials: { ticket: { type: "text" } },
    async authorize(credentials, req) {
      const headers = req?.headers as Headerish;
      const header = (name: string) => {
        const v = headers?.[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const outcome = await redeemSsoTicket({
        ticket: String(credentials?.ticket ?? ""),
        ip: clientIp(header),
        userAgent: header("user-agent") ?? "",
      });
      if (!outcome) throw new Error("invalid_sso_ticket");
      return { id: outcome.userId, sid: outcome.sid };
    },
  });
}
