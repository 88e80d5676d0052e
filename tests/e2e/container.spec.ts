// The container image's runtime, without a container runtime: the standalone folder the
// Dockerfile copies (scripts/assemble-standalone.ts over this run's build), its migration job
// (`node migrate.mjs`) and its server (`node server.mjs`), run from that folder with only the
// environment a container would have: no repo, no tsx, no dev dependencies.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";

const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const standalone = path.resolve(distDir, "standalone");

let pg: RunningPostgres;
let server: ChildProcess;
let baseUrl: string;
let dataDir: string;
let serverLog = "";

function containerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    STRIPE_WEBHOOK_SECRET: `whsec_${crypto.randomBytes(24).toString("base64url")}`,
    TIERGATE_LOCAL_BILLING: "1",
    // Production refuses to boot without mail; nothing here sends any (port 9 is discard).
    SMTP_URL: "smtp://127.0.0.1:9",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  const assembled = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/assemble-standalone.ts"], {
    env: { ...process.env, NEXT_DIST_DIR: distDir },
    encoding: "utf8",
  });
  expect(assembled.status, assembled.stderr).toBe(0);

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-container-pg-"));
  fs.chmodSync(dataDir, 0o755);
  pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "db"), port: await freePort(), persistent: false, durable: false });
  await pg.createDatabase("tiergate");
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  const env = containerEnv({ DATABASE_URL: pg.url("tiergate"), APP_URL: baseUrl, PORT: String(port) });

  const migrated = spawnSync(process.execPath, ["migrate.mjs"], { cwd: standalone, env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);
  expect(migrated.stdout).toMatch(/applied: /);

  server = spawn(process.execPath, ["server.mjs"], { cwd: standalone, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
});

test.afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the standalone server boots from its own folder and reports live, then ready", async () => {
  await expect
    .poll(
      async () =>
        fetch(`${baseUrl}/api/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, message: serverLog },
    )
    .toBe(200);
  expect((await fetch(`${baseUrl}/api/health/live`)).status).toBe(200);
  expect(serverLog).not.toContain("does not work with");
});

test("it serves with the build's config (security headers, no X-Powered-By), not Next's defaults", async () => {
  const res = await fetch(`${baseUrl}/sign-in`);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-powered-by")).toBeNull();
  // Static assets come from the copied <distDir>/static.
  const asset = (await res.text()).match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(asset).toBeTruthy();
  expect((await fetch(`${baseUrl}${asset}`)).status).toBe(200);
});

test("SIGTERM (docker stop) ends it within the grace period", async () => {
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 35_000))]);
  expect(code).not.toBe("timeout");
});
