// End-to-end tests in a real Chromium against the production build (`next start`) on a
// fresh embedded PostgreSQL, migrated and seeded with the demo accounts.
//   Browser: $PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium when present, else
//   Playwright's own Chromium (laptops with internet: `npx playwright install chromium`).
//   Ports: E2E_PORT (3100) / E2E_PG_PORT (54330) so several runs can coexist; the server's
//   mail catcher (scripts/serve.ts --embedded) takes E2E_PORT + 20000 (SMTP) and + 21000 (its
//   inbox, which tests read through E2E_MAIL_INBOX_URL).
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const pgPort = Number(process.env.E2E_PG_PORT ?? 54330);
process.env.NEXT_DIST_DIR ??= ".next-e2e";
export const baseURL = `http://localhost:${port}`;
// The server's mail catcher inbox, read by the specs (tests/e2e/mail.ts); the scale config sets its own.
process.env.E2E_MAIL_INBOX_URL ??= `http://127.0.0.1:${port + 21000}`;
// The server's demo OpenID provider (scripts/lib/demo-idp.ts), on E2E_PORT + 22000: tests/e2e/sso.spec.ts points a connection at it.
process.env.E2E_IDP_URL ??= `http://127.0.0.1:${port + 22000}`;

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1, // one server, shared demo data; specs create their own users where they mutate
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      // Root in a closed network: no sandbox, and no background calls home.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-domain-reliability",
      ],
    },
  },
  webServer: {
    command: [
      "node node_modules/tsx/dist/cli.mjs scripts/serve.ts --mode start --fresh --embedded",
      `--port ${port} --pg-port ${pgPort} --data-dir .e2e-data/pg-${port} --seed-invoices 2000`,
      `--smtp-port ${port + 20000} --mail-web-port ${port + 21000} --idp-port ${port + 22000}`,
    ].join(" "),
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets serve.ts stop Next and then Postgres (the default SIGKILL leaves Postgres running).
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      APP_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      TIERGATE_TEST_CLOCK: "1",
      // A production build on the local billing provider: the explicit demo opt-in (lib/env.ts).
      TIERGATE_LOCAL_BILLING: "1",
      // `--mode start` seeds the demo accounts only when asked (scripts/serve.ts).
      TIERGATE_SEED_DEMO: "1",
      // The whole run signs up from 127.0.0.1; the per-IP limit itself is an integration test.
      SIGN_UPS_PER_IP: "1000",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR,
    },
  },
});
