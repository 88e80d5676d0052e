// Attacks on a misconfigured deployment: a production server whose env is invalid must stop
// at boot with the variable's name, never report Ready and then fail every request (or, with
// no Stripe keys, sell every plan through the card-free local checkout). Spawns the built
// server on the suite's own build with a broken env and waits for it to exit: both the
// production server `npm start` runs (server/production-server.ts) and plain `next start`
// (the check lives in instrumentation.ts, so any launcher that prepares Next has it).
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";

const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

/** A production env that boots, but for `overrides`. */
const VALID = {
  NODE_ENV: "production",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
  DATABASE_URL: "postgresql://tiergate:tiergate@127.0.0.1:1/tiergate",
  NEXTAUTH_SECRET: "boot-validation-secret-boot-validation-secret",
  STRIPE_WEBHOOK_SECRET: "whsec_boot_validation",
  APP_URL: "https://tiergate.example",
  TIERGATE_TEST_CLOCK: "0",
  TIERGATE_LOCAL_BILLING: "1",
  SMTP_URL: "smtp://127.0.0.1:9",
  LOG_LEVEL: "silent",
};

// Port 0: the OS picks one, so this never collides with a running server.
const LAUNCHERS = {
  "server/production-server.ts": ["--import", "tsx", path.join("server", "production-server.ts"), "--port=0"],
  "next start": [NEXT_BIN, "start", "-p", "0"],
};

function startServer(launcher: string[], overrides: Record<string, string>) {
  const env = Object.assign({}, process.env, VALID, overrides) as NodeJS.ProcessEnv;
  delete env.STRIPE_SECRET_KEY;
  const child = spawn(process.execPath, launcher, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const timeout = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return exited.then((code) => {
    clearTimeout(timeout);
    return { code, output };
  });
}

for (const [name, launcher] of Object.entries(LAUNCHERS)) {
  test.describe(`attack: running a production server with an invalid environment (${name})`, () => {
    test("the test clock enabled for a non-local APP_URL stops the server at boot, naming TIERGATE_TEST_CLOCK", async () => {
      const { code, output } = await startServer(launcher, { TIERGATE_TEST_CLOCK: "1" });
      expect(code).toBe(1);
      expect(output).toContain("TIERGATE_TEST_CLOCK: must not be enabled for a non-local APP_URL");
    });

    test("no STRIPE_SECRET_KEY and no local-billing opt-in stops the server at boot, naming both", async () => {
      const { code, output } = await startServer(launcher, { TIERGATE_LOCAL_BILLING: "0" });
      expect(code).toBe(1);
      expect(output).toContain("STRIPE_SECRET_KEY: required in production");
      expect(output).toContain("TIERGATE_LOCAL_BILLING=1");
    });

    test("a malformed variable stops the server at boot, naming it", async () => {
      const { code, output } = await startServer(launcher, { NEXTAUTH_SECRET: "short" });
      expect(code).toBe(1);
      expect(output).toContain("NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters");
    });
  });
}
