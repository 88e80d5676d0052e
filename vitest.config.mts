import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: path.resolve(import.meta.dirname) + "/" },
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "tests/setup/server-only-shim.ts") },
    ],
  },
  test: {
    // Playwright specs live in tests/e2e and are not collected here.
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    env: {
      NODE_ENV: "test",
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      STRIPE_WEBHOOK_SECRET: "whsec_test_tiergate_integration_secret",
      APP_URL: "http://localhost:3000",
      LOG_LEVEL: "silent",
      TIERGATE_TEST_CLOCK: "0",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
