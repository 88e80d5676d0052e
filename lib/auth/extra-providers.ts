// Additional next-auth providers (the passkey and SSO providers register themselves here).
import "server-only";
import type { Provider } from "next-auth/providers/index";
import { passkeyProvider } from "@/lib/passkeys/passkey-provider";
import { ssoProvider } from "@/lib/sso/sso-provider";

export function extraAuthProviders(): Provider[] {
  return [passkeyProvider(), ssoProvider()];
}
