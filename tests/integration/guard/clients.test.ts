// The five clients' shared paths, through real handlers and a real database (the browser is
// simulated at the edge: getCurrentSession and the request headers):
//   - a ceremony lockout leaves as 429 WITH Retry-After (refusalResponse, the one mapping);
//   - an unexpected error is a 500 with a reference id, a database that is down a 503 +
//     Retry-After, for routes; a typed `error` refusal for actions and reads;
//   - guardedRead decides in the transaction and follows its audit policy: refusals always
//     audited, allowed reads audited unless declared quiet;
//   - sessionAction refuses a signed-out caller and hands the body a SessionContext.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { userWithPasskey } from "@/tests/helpers/step-up";
import { currentSessionOf } from "@/tests/helpers/current-session-of";
import { createUserWithOrg } from "@/tests/helpers/factories";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-clients-test" }) }));

const stepUpOptions = await import("@/app/api/webauthn/step-up/options/route");
const stepUpVerify = await import("@/app/api/webauthn/step-up/verify/route");
const { unguardedRoute } = await import("@/lib/guard/unguarded-route");
const { guardedRead } = await import("@/lib/guard/guarded-read");
const { sessionAction } = await import("@/lib/guard/session-action");

const post = (body: unknown) =>
  new Request("http://localhost:3000/x", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

/** A connection refused by Postgres, as node-postgres reports it. */
const dbDown = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

beforeEach(() => {
  current.session = null;
});

describe("refusal → HTTP: ceremony lockouts", () => {
  it.each([
    ["step-up/options", () => stepUpOptions.POST(post({ actionId: "exports.csv" }))],
    ["step-up/verify", () => stepUpVerify.POST(post({ response: {} }))],
  ])("%s answers a locked user 429 with Retry-After", async (_name, call) => {
    const u = await userWithPasskey({ plan: "pro" });
    current.session = currentSessionOf(u);
    await db.stepUpLockout.create({ data: { userId: u.user.id, lockedUntil: new Date(Date.now() + 600_000) } });
    const res = await call();
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await res.json()).toMatchObject({ error: "locked", retry_after: retryAfter });
  });
});

describe("the shared error path", () => {
  it("a route that throws answers 500 JSON with a reference id, never a bare 500", async () => {
    const GET = unguardedRoute("test.throws", async () => {
      throw new Error("boom");
    });
    const res = await GET(new Request("http://localhost:3000/x", { headers: { "x-request-id": "r1" } }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error_description).toMatch(/^Something went wrong on our side\. Please try again \(reference [0-9a-f]{8}\)\.$/);
  });

  it("a route whose database is down answers 503 with Retry-After", async () => {
    const GET = unguardedRoute("test.dbDown", async () => {
      throw dbDown();
    });
    const res = await GET(new Request("http://localhost:3000/x"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await res.json()).toEqual({ error: "unavailable", error_description: UNAVAILABLE_MESSAGE, retry_after: RETRY_AFTER_SECONDS });
  });

  it("a session action that throws answers the typed error refusal", async () => {
    const u = await userWithPasskey({ plan: "free" });
    current.session = currentSessionOf(u);
    const failing = sessionAction("test.throws", async function throwsBody() {
      throw new Error("boom");
    });
    expect(await failing(null)).toMatchObject({
      ok: false,
      error: { kind: "error", message: expect.stringMatching(/reference [0-9a-f]{8}/) },
    });
    const down = sessionAction("test.dbDown", async function dbDownBody() {
      throw dbDown();
    });
    expect(await down(null)).toEqual({ ok: false, error: { kind: "error", message: UNAVAILABLE_MESSAGE } });
  });
});

describe("sessionAction", () => {
  it("refuses a signed-out caller without running the body, and gives the body the session", async () => {
    const seen: unknown[] = [];
    const action = sessionAction("test.whoami", async function whoAmI({ input, ctx }) {
      seen.push(ctx);
      return { ok: true as const, data: { input } };
    });
    expect(await action("x")).toEqual({
      ok: false,
      error: { kind: "unauthenticated", message: "Your session has ended. Please sign in again." },
    });
    expect(seen).toHaveLength(0);
    const u = await userWithPasskey({ plan: "free" });
    current.session = currentSessionOf(u);
    expect(await action("x")).toEqual({ ok: true, data: { input: "x" } });
    expect(seen).toEqual([{ kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id }]);
  });
});

describe("guardedRead and its audit policy", () => {
  const audited = (orgId: string, decision: "allowed" | "refused") =>
    db.auditEvent.count({ where: { orgId, action: "reports.view", decision } });
  const loud = guardedRead("reports.view", z.object({}).strict(), async function clientsTestLoudRead({ ctx, tx }) {
    return { orgName: (await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).name };
  });
  const quiet = guardedRead(
    "reports.view",
    z.object({}).strict(),
    async function clientsTestQuietRead() {
      return { seen: true };
    },
    { quiet: "a test of the quiet policy" },
  );

  it("an allowed read runs on the guard's transaction and is audited", async () => {
    const { user, org, session } = await userWithPasskey({ plan: "free" });
    current.session = currentSessionOf({ user, org, session });
    expect(await loud({ input: {} })).toEqual({ ok: true, data: { orgName: org.name } });
    expect(await audited(org.id, "allowed")).toBe(1);
  });

  it("a quiet read writes no allowed row; its refusals are still audited", async () => {
    const { user, org, session } = await userWithPasskey({ plan: "free" });
    current.session = currentSessionOf({ user, org, session });
    expect(await quiet({ input: {} })).toEqual({ ok: true, data: { seen: true } });
    expect(await audited(org.id, "allowed")).toBe(0);
    // Not a member of this org: refused, and audited.
    const other = await createUserWithOrg({ plan: "free" });
    current.session = {
      ...currentSessionOf({ user, org, session }),
      org: { ...currentSessionOf({ user, org, session }).org, id: other.org.id },
    };
    expect(await quiet({ input: {} })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await audited(other.org.id, "refused")).toBe(1);
  });

  it("a signed-out read is refused and audited as anonymous", async () => {
    const before = await db.auditEvent.count({ where: { orgId: null, action: "reports.view", decision: "refused" } });
    expect(await loud({ input: {} })).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
    expect(await db.auditEvent.count({ where: { orgId: null, action: "reports.view", decision: "refused" } })).toBe(before + 1);
  });
});
