// SIGTERM to the production server during a deploy, on a real process (the drain fixture:
// server/graceful-shutdown.ts with the app's boot services, SSE stream and readiness route).
import http from "node:http";
import net from "node:net";
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";

type Fixture = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

async function startFixture(env: Record<string, string> = {}): Promise<Fixture> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/helpers/drain-fixture-server.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!/listening on (\d+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`fixture did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, port: Number(/listening on (\d+)/.exec(output)![1]), output: () => output, exited };
}

/** One request on a connection of its own; resolves with the status and body, or the socket error. */
function get(port: number, path: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    });
    req.on("error", (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
  });
}

const connectError = (port: number) =>
  new Promise<string | null>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(null)));
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("attack: a deploy's SIGTERM resetting the requests and streams in flight", () => {
  it("10 slow requests in flight all finish with 200, new connections are refused, the SSE stream gets a retry hint and ends, exit 0 well before the deadline", async () => {
    const { user, org } = await createUserWithOrg();
    const session = await createSession({ userId: user.id, orgId: org.id });
    const fixture = await startFixture({ SHUTDOWN_TIMEOUT_MS: "20000" });

    let events = "";
    const streamEnded = new Promise<void>((resolve) => {
      http.get({ host: "127.0.0.1", port: fixture.port, path: `/events?org=${org.id}&sid=${session.id}`, agent: false }, (res) => {
        res.on("data", (c) => (events += c));
        res.on("end", resolve);
      });
    });
    while (!events.includes("event: ready")) await sleep(20);

    const inFlight = Array.from({ length: 10 }, () => get(fixture.port, "/slow?ms=1500"));
    await sleep(300);
    const signalled = Date.now();
    fixture.child.kill("SIGTERM");
    await sleep(200);

    expect(await connectError(fixture.port)).toBe("ECONNREFUSED");
    await streamEnded;
    expect(events).toMatch(/retry: \d+\nevent: draining\n/);
    expect(await Promise.all(inFlight)).toEqual(Array.from({ length: 10 }, () => ({ status: 200, body: "done" })));
    expect(await fixture.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(fixture.output()).toContain("[tiergate] stopped");
    expect(fixture.output()).not.toContain("did not finish");
  });

  it("keep-alive connections close once their response is done (told `connection: close`), instead of being reset on their next request", async () => {
    const fixture = await startFixture();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const request = (path: string) =>
      new Promise<{ closed: Promise<void>; connection: string | undefined }>((resolve) => {
        const req = http.get({ host: "127.0.0.1", port: fixture.port, path, agent }, (res) =>
          res.resume().on("end", () => resolve({ closed, connection: res.headers.connection })),
        );
        let closed: Promise<void> = new Promise<void>(() => {});
        req.once("socket", (socket) => (closed = new Promise<void>((r) => socket.once("close", () => r()))));
      });
    const idle = await request("/slow?ms=0");
    const busy = request("/slow?ms=800");
    await sleep(200);
    const signalled = Date.now();
    fixture.child.kill("SIGTERM");
    await idle.closed;
    const last = await busy;
    expect(last.connection).toBe("close");
    await last.closed;
    expect(await fixture.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2_000);
    agent.destroy();
  });

  it("a request that outlives SHUTDOWN_TIMEOUT_MS (a stalled export) is cut at the deadline and the process still exits 0", async () => {
    const fixture = await startFixture({ SHUTDOWN_TIMEOUT_MS: "1000" });
    const stalled = get(fixture.port, "/slow?ms=60000");
    await sleep(200);
    const signalled = Date.now();
    fixture.child.kill("SIGTERM");
    expect(await stalled).toHaveProperty("error");
    expect(await fixture.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(4_000);
    expect(fixture.output()).toContain("cut 1 request(s)");
  });

  it("an invalid SHUTDOWN_TIMEOUT_MS stops the server at boot, naming it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/helpers/drain-fixture-server.ts"], {
      env: { ...process.env, SHUTDOWN_TIMEOUT_MS: "soon" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.push(child);
    let output = "";
    child.stderr!.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(output).toContain("SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds");
  });
});
