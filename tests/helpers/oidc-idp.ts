// The real OpenID provider for integration tests (scripts/lib/demo-idp.ts on a free loopback
// port), with one client registered for the test app's callback. One per test file (call at the top of the file).
import { afterAll, beforeAll } from "vitest";
import { startDemoIdp, type RunningIdp } from "@/scripts/lib/demo-idp";

export const TEST_CLIENT = { clientId: "tiergate-test", clientSecret: "tiergate-test-secret-do-not-use" };
export const TEST_REDIRECT_URI = "http://localhost:3000/api/sso/callback";

/** Starts the IdP before the file's tests and stops it after; read `.current` inside tests. */
export function startTestIdpForFile() {
  const holder: { current: RunningIdp } = { current: undefined as unknown as RunningIdp };
  beforeAll(async () => {
    holder.current = await startDemoIdp({ clients: [{ ...TEST_CLIENT, redirectUris: [TEST_REDIRECT_URI] }] });
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}
