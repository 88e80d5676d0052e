// The e2e subset against the scaled-out deployment (`npm run test:e2e:scale`): two production
// instances behind a round-robin proxy, both through PgBouncer in transaction mode, on one
// Postgres (scripts/scale-stack.ts). Every request of a browser alternates between instances,
// so a page, its server actions and its event stream are served by different ones.
// The subset covers what the instances must share: sign-in/out and session revocation,
// step-up (passkey ceremonies, grants), exports (tickets, streams), upgrade/downgrade reaching
// another open tab live, and the admin console. Specs that test one server's own edge
// (forwarded headers, CSP, boot validation) or start servers of their own stay in the main run.
//   Ports: E2E_SCALE_PORT (3120, the proxy) / E2E_SCALE_PG_PORT (54340); the instances and
//   PgBouncer take free ports.
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_SCALE_PORT ?? 3120);
const pgPort = Number(process.env.E2E_SCALE_PG_PORT ?? 54340);
const baseURL = `http://localhost:${port}`;
// The stack's one mail catcher (scripts/scale-stack.ts), read by the specs (tests/e2e/mail.ts).
process.env.E2E_MAIL_INBOX_URL = `http://127.0.0.1:${port + 21000}`;

export const SCALE_SPECS = ["auth.spec.ts", "step-up.spec.ts", "reports.spec.ts", "licensing.spec.ts", "admin.spec.ts"];

export default defineConfig({
  ...base,
  testMatch: SCALE_SPECS.map((s) => `**/${s}`),
  use: { ...base.use, baseURL },
  webServer: {
    command: [
      `node node_modules/tsx/dist/cli.mjs scripts/scale-stack.ts --port ${port} --pg-port ${pgPort} --seed-invoices 2000`,
      `--smtp-port ${port + 20000} --mail-web-port ${port + 21000}`,
    ].join(" "),
    url: `${baseURL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the stack stop the proxy, the instances, PgBouncer and then Postgres.
    gracefulShutdown: { signal: "SIGTERM", timeout: 40_000 },
    stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      TIERGATE_TEST_CLOCK: "1",
      TIERGATE_LOCAL_BILLING: "1",
      // The whole run signs up from 127.0.0.1; the per-IP limit itself is an integration test.
      SIGN_UPS_PER_IP: "1000",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR!,
    },
  },
});
