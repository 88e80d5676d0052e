// The IP our throttles count and our sessions and audit log record is read from
// X-Forwarded-For, which the production server owns (server/request-pipeline.ts). Here that
// pipeline, on a real socket, sits in front of the real sign-in (signInWithPassword on real
// Postgres), with clientIp() reading the headers exactly as the app's handlers do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { MAX_FAILURES_PER_IP } from "@/lib/auth/sign-in-throttle";
import { createUserWithOrg, TEST_PASSWORD, uniqueEmail } from "@/tests/helpers/factories";
import { loopback, send, startPipeline } from "@/tests/helpers/pipeline-server";

function signInServer(hops: number) {
  return startPipeline({
    hops,
    handler: async (req, body) => {
      const { email, password } = JSON.parse(body.toString("utf8")) as { email: string; password: string };
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      return signInWithPassword({ input: { email, password }, ip: clientIp(header, hops), userAgent: "vitest" });
    },
  });
}

const signIn = (
  port: number,
  { email, password, from, headers }: { email: string; password: string; from: string; headers?: Record<string, string> },
) =>
  send(port, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
    from,
  }).then((r) => JSON.parse(r.text) as { ok: boolean; reason?: string; sid?: string });

describe("attack: rotating X-Forwarded-For to escape the per-IP sign-in throttle", () => {
  let server: Awaited<ReturnType<typeof signInServer>>;
  beforeAll(async () => (server = await signInServer(0)));
  afterAll(() => server.close());

  it(`a new forged address on every guess still counts against the socket's one (limit ${MAX_FAILURES_PER_IP})`, async () => {
    const from = loopback();
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_IP + 10; i++) {
      // A different (unknown) email each time, so only the per-IP limit can stop it.
      const outcome = await signIn(server.port, {
        email: uniqueEmail("spray"),
        password: "wrong password",
        from,
        headers: { "x-forwarded-for": `10.${i}.0.1`, "x-real-ip": `10.${i}.0.2` },
      });
      outcomes.push(outcome.reason);
    }
    expect(outcomes.slice(0, MAX_FAILURES_PER_IP).every((r) => r === "invalid_credentials")).toBe(true);
    expect(outcomes.slice(MAX_FAILURES_PER_IP)).toEqual(Array(10).fill("throttled"));
    expect(await db.signInAttempt.count({ where: { key: `ip:${from}` } })).toBe(MAX_FAILURES_PER_IP);
    expect(await db.signInAttempt.count({ where: { key: { startsWith: "ip:10." } } })).toBe(0);
  });

  it("a forged address is not what the session records", async () => {
    const { user } = await createUserWithOrg();
    const from = loopback();
    const outcome = await signIn(server.port, {
      email: user.email,
      password: TEST_PASSWORD,
      from,
      headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" },
    });
    expect(outcome.ok).toBe(true);
    expect((await db.session.findUniqueOrThrow({ where: { id: outcome.sid! } })).ip).toBe(from);
  });
});

describe("attack: prepending to a trusted proxy's X-Forwarded-For (TRUSTED_PROXY_HOPS=1)", () => {
  let server: Awaited<ReturnType<typeof signInServer>>;
  beforeAll(async () => (server = await signInServer(1)));
  afterAll(() => server.close());

  it("the address the proxy appended is the client; what the client wrote before it is not", async () => {
    const { user } = await createUserWithOrg();
    const proxy = loopback();
    // The client sent "6.6.6.6"; the proxy appended the address it saw, 198.51.100.7.
    const outcome = await signIn(server.port, {
      email: user.email,
      password: TEST_PASSWORD,
      from: proxy,
      headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" },
    });
    expect((await db.session.findUniqueOrThrow({ where: { id: outcome.sid! } })).ip).toBe("198.51.100.7");
    expect(server.seen.at(-1)?.headers["x-forwarded-for"]).toBe(`6.6.6.6, 198.51.100.7, ${proxy}`);
  });

  it("and the per-IP throttle counts that address, however the client varies its part", async () => {
    const proxy = loopback();
    const client = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_IP + 2; i++) {
      const outcome = await signIn(server.port, {
        email: uniqueEmail("spray"),
        password: "wrong password",
        from: proxy,
        headers: { "x-forwarded-for": `10.${i}.0.1, ${client}` },
      });
      outcomes.push(outcome.reason);
    }
    expect(outcomes.slice(MAX_FAILURES_PER_IP)).toEqual(["throttled", "throttled"]);
  });
});

describe("what reaches Next from the production server", () => {
  it("with no trusted proxy: X-Forwarded-For is the socket address; X-Real-IP and the other forwarded headers are gone", async () => {
    const server = await startPipeline({ hops: 0 });
    const from = loopback();
    await send(server.port, {
      from,
      headers: {
        "x-forwarded-for": "6.6.6.6",
        "x-real-ip": "6.6.6.6",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        forwarded: "for=6.6.6.6",
      },
    });
    const { headers } = server.seen[0]!;
    expect(headers["x-forwarded-for"]).toBe(from);
    for (const name of ["x-real-ip", "x-forwarded-host", "x-forwarded-proto", "forwarded"]) expect(headers[name]).toBeUndefined();
    await server.close();
  });
});
