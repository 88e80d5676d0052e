// Additional next-auth providers (the passkey provider registers itself here).
import "server-only";
import type { Provider } from "next-auth/providers/index";

export function extraAuthProviders(): Provider[] {
  return [];
}
