// next-auth Credentials provider "passkey": the browser sends the WebAuthn assertion (as
// JSON in `response`), we verify it like any other ceremony and open a Session row.
import "server-only";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInWithPasskey } from "@/lib/passkeys/passkey-sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { now as clockNow } from "@/lib/clock";

type Headerish = Record<string, string | string[] | undefined> | undefined;

export function passkeyProvider() {
  return CredentialsProvider({
    id: "passkey",
    name: "Passkey",
    credentials: { response: { type: "text" } },
    async authorize(credentials, req) {
      const headers = req?.headers as Headerish;
      const header = (name: string) => {
        const v = headers?.[name];
        return Array.isArray(v) ? v[0] : v;
      };
      let response: unknown;
      try {
        response = JSON.parse(String(credentials?.response ?? ""));
      } catch {
        throw new Error("invalid_passkey");
      }
      const outcome = await signInWithPasskey({
        response,
        now: await clockNow(),
        ip: clientIp(header),
        userAgent: header("user-agent") ?? "",
      });
      if (!outcome) throw new Error("invalid_passkey");
      return { id: outcome.userId, sid: outcome.sid };
    },
  });
}
