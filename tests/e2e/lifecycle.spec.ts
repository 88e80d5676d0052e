// The launcher (scripts/serve.ts --mode start) as a supervisor sees it, on the suite's own
// build: replicas booting together on one empty database, a deploy's SIGTERM with a browser
// streaming live updates, and the embedded Postgres dying under a running server.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/scripts/lib/free-port";
import { startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { expect, signIn, test } from "./fixtures";

type Launcher = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };
const started: ChildProcess[] = [];
test.afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-life-"));
  fs.chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  return dir;
}

async function launch({ args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {}): Promise<Launcher> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/serve.ts", "--mode=start", `--port=${port}`, "--seed-invoices=200", ...args],
    {
      env: {
        ...process.env,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
        APP_URL: url,
        NEXTAUTH_URL: url,
        TIERGATE_LOCAL_BILLING: "1",
        // Production refuses to boot without mail; these launches send none (port 9 is discard).
        SMTP_URL: "smtp://127.0.0.1:9",
        TIERGATE_SEED_DEMO: "1",
        TIERGATE_TEST_CLOCK: "0",
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url, output: () => output, exited };
}

async function waitForReady(launcher: Launcher, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launcher.child.exitCode !== null) throw new Error(`launcher exited with ${launcher.child.exitCode}:\n${launcher.output()}`);
    const res = await fetch(`${launcher.url}/api/health/ready`).catch(() => null);
    if (res?.status === 200) return res.json();
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${launcher.output()}`);
}

const refused = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });

test.describe("attack: two replicas booting at once on one empty database", () => {
  test.setTimeout(240_000);

  test("both come up ready, the demo accounts exist once, and a SIGTERM to one ends its browser's stream with a retry hint while the other keeps serving", async ({
    browser,
  }) => {
    const dir = tempDir();
    const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false, durable: false });
    try {
      await db.createDatabase("tiergate");
      const env = { DATABASE_URL: db.url("tiergate") };
      const [a, b] = [await launch({ env }), await launch({ env })];
      expect(await waitForReady(a)).toMatchObject({ status: "ready" });
      expect(await waitForReady(b)).toMatchObject({ status: "ready" });
      const client = new pg.Client({ connectionString: db.url("tiergate") });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "User" WHERE email = 'pro@example.com'`);
      await client.end();
      expect(rows[0].n).toBe(1);

      const context = await browser.newContext({ baseURL: a.url });
      const page = await context.newPage();
      await signIn(page, "pro@example.com");
      await page.evaluate(() => {
        const w = window as unknown as { drainEvents: string[] };
        w.drainEvents = [];
        const source = new EventSource("/api/license/events");
        for (const name of ["ready", "draining"]) source.addEventListener(name, () => w.drainEvents.push(name));
      });
      await expect.poll(() => page.evaluate(() => (window as unknown as { drainEvents: string[] }).drainEvents)).toContain("ready");

      a.child.kill("SIGTERM");
      await expect.poll(() => page.evaluate(() => (window as unknown as { drainEvents: string[] }).drainEvents)).toContain("draining");
      expect(await a.exited).toBe(0);
      expect(a.output()).toMatch(/SIGTERM: draining[\s\S]*\[tiergate\] stopped/);
      expect(await refused(a.url)).toBe(true);
      expect((await fetch(`${b.url}/api/health/ready`)).status).toBe(200);
      await context.close();

      b.child.kill("SIGTERM");
      expect(await b.exited).toBe(0);
    } finally {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe("attack: the launcher's embedded Postgres killed under a running server", () => {
  test.setTimeout(180_000);

  test("kill -9 of Postgres makes the launcher stop its server and exit non-zero, so a supervisor restarts it", async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, "pg");
    try {
      const launcher = await launch({ args: ["--embedded", "--fresh", `--pg-port=${await freePort()}`, `--data-dir=${dataDir}`] });
      await waitForReady(launcher);
      const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(postmaster, "SIGKILL");
      expect(await launcher.exited).toBe(1);
      expect(launcher.output()).toContain("embedded PostgreSQL exited unexpectedly (SIGKILL)");
      expect(await refused(launcher.url)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("SIGTERM to the launcher drains the server first and stops Postgres last, exit 0 (and npm start seeds no demo account unless asked)", async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, "pg");
    const pgPort = await freePort();
    try {
      const launcher = await launch({
        args: ["--embedded", "--fresh", `--pg-port=${pgPort}`, `--data-dir=${dataDir}`],
        env: { TIERGATE_SEED_DEMO: "" },
      });
      await waitForReady(launcher);
      // attack: demo accounts with a public password seeded into a production database.
      expect(launcher.output()).toContain("demo accounts not seeded");
      const client = new pg.Client({ connectionString: `postgresql://tiergate:tiergate@127.0.0.1:${pgPort}/tiergate` });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "User"`);
      await client.end();
      expect(rows[0].n).toBe(0);

      const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      launcher.child.kill("SIGTERM");
      expect(await launcher.exited).toBe(0);
      const out = launcher.output();
      expect(out.indexOf("[tiergate] stopped")).toBeGreaterThan(-1);
      expect(out.indexOf("PostgreSQL stopped")).toBeGreaterThan(out.indexOf("[tiergate] stopped"));
      expect(() => process.kill(postmaster, 0)).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
