// Additional next-auth providers (the passkey provider registers itself here).
import "server-only";
import type { Provider } from "next-auth/providers/index";
import { passkeyProvider } from "@/lib/passkeys/passkey-provider";

export function extraAuthProviders(): Provider[] {
  return [passkeyProvider()];
}
