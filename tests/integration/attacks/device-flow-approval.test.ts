// Attacks on the device-flow approval of an API client's step-up: approving from the wrong
// org, with the wrong role or someone else's key; guessing user codes; learning the victim
// org's name from the approval page; leaving audit rows in the victim org; approving a
// request its approver already denied. The browser is simulated at the edge
// (getCurrentSession, request headers); everything behind it is real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { generateApiKey } from "@/lib/api-keys/key-format";
import { APPROVAL_UNAVAILABLE_MESSAGE } from "@/lib/api-keys/approval-request";
import { APPROVAL_LOOKUPS_PER_IP, APPROVAL_LOOKUPS_PER_SESSION, lookupApprovalRequest } from "@/lib/api-keys/lookup-approval";
import { isActionId, type Role } from "@/lib/licensing/policy";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { registerPasskey, userWithPasskey } from "@/tests/helpers/step-up";
import { addMember, createSession } from "@/tests/helpers/factories";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null, ip: "192.0.2.1" }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": current.ip }) }));

const stepUpOptions = await import("@/app/api/webauthn/step-up/options/route");
const stepUpVerify = await import("@/app/api/webauthn/step-up/verify/route");
const apiStepUp = await import("@/app/api/v1/step-up/route");
const apiStepUpStatus = await import("@/app/api/v1/step-up/[requestId]/route");
const { denyApiStepUpAction } = await import("@/app/(app)/step-up/approve/actions");
const { default: ApprovePage } = await import("@/app/(app)/step-up/approve/page");

let ipCounter = 0;
beforeEach(() => {
  current.session = null;
  current.ip = `198.51.100.${++ipCounter}`;
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/x", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", "x-forwarded-for": current.ip, ...headers },
  });

type Person = {
  id: string;
  email: string;
  name: string;
  sessionId: string;
  orgId: string;
  orgName: string;
  authenticator: SoftAuthenticator;
};

/** A pro org whose owner created an API key that asks for `action`. */
async function keyAsking(action: "exports.csv" | "billing.manage" = "exports.csv") {
  const owner = await userWithPasskey({ plan: "pro" });
  const { key, prefix, hash } = generateApiKey();
  const apiKey = await db.apiKey.create({ data: { orgId: owner.org.id, createdByUserId: owner.user.id, name: "ci", prefix, hash } });
  const auth = { authorization: `Bearer ${key}` };
  const flow = (await (await apiStepUp.POST(post({ action }, auth))).json()) as { request_id: string; user_code: string };
  const status = async () =>
    (await (
      await apiStepUpStatus.GET(new Request("http://localhost:3000/x", { headers: auth }), {
        params: Promise.resolve({ requestId: flow.request_id }),
      })
    ).json()) as { status: string };
  const asOwner: Person = {
    ...owner.user,
    sessionId: owner.session.id,
    orgId: owner.org.id,
    orgName: owner.org.name,
    authenticator: owner.authenticator,
  };
  return { org: owner.org, owner: asOwner, apiKey, flow, status };
}

/** Someone in `orgId` with `role` (or, without an org, an outsider with an org of their own) and a passkey. */
async function person(orgId: string | null, role: Role = "member"): Promise<Person> {
  if (!orgId) {
    const u = await userWithPasskey({ plan: "pro" });
    return { ...u.user, sessionId: u.session.id, orgId: u.org.id, orgName: u.org.name, authenticator: u.authenticator };
  }
  const user = await addMember({ orgId, role });
  const session = await createSession({ userId: user.id, orgId });
  const authenticator = new SoftAuthenticator();
  await registerPasskey({ userId: user.id, sessionId: session.id, orgId, authenticator });
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId } });
  return { ...user, sessionId: session.id, orgId, orgName: org.name, authenticator };
}

function signIn(p: Person) {
  current.session = {
    sid: p.sessionId,
    user: { id: p.id, email: p.email, name: p.name },
    org: { id: p.orgId, name: p.orgName, slug: "x", personal: false },
    role: "member",
    memberships: [],
  };
}

/** The whole approval over HTTP, as the page's Approve button drives it. */
async function approveOverHttp(p: Person, userCode: string) {
  signIn(p);
  const options = await stepUpOptions.POST(post({ approveCode: userCode }));
  if (options.status !== 200) return { status: options.status, body: await options.json() };
  const { options: opts } = await options.json();
  const verified = await stepUpVerify.POST(post({ response: p.authenticator.assert({ challenge: opts.challenge }) }));
  return { status: verified.status, body: await verified.json() };
}

/** An approval that skips the options route's lookup: a challenge bound to the request by hand. */
async function approveBehindTheRoute(p: Person, userCode: string) {
  const request = await db.apiStepUpRequest.findUniqueOrThrow({ where: { userCode } });
  const started = await startStepUp({
    userId: p.id,
    sessionId: p.sessionId,
    actionId: isActionId(request.actionId) ? request.actionId : null,
    apiStepUpRequestId: request.id,
    now: new Date(),
  });
  if (started.kind !== "options") throw new Error("no options");
  return completeStepUp({
    userId: p.id,
    sessionId: p.sessionId,
    orgId: p.orgId,
    response: p.authenticator.assert({ challenge: started.options.challenge }),
    now: new Date(),
  });
}

/** Every string in a server component's output (text and the props it hands to client components). */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string" || typeof node === "number") out.push(String(node));
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === "object" && "props" in node) {
    for (const value of Object.values((node as { props: Record<string, unknown> }).props)) strings(value, out);
  }
  return out;
}

describe("attack: approving another org's API request", () => {
  it("an outsider is refused with the generic answer, gets no grant, and leaves no audit row in the key's org", async () => {
    const { org, apiKey, flow, status } = await keyAsking();
    const outsider = await person(null);
    const res = await approveOverHttp(outsider, flow.user_code);
    expect(res).toEqual({ status: 404, body: expect.objectContaining({ error_description: APPROVAL_UNAVAILABLE_MESSAGE }) });

    // Past the options route (a challenge bound to the request by hand): still refused.
    expect(await approveBehindTheRoute(outsider, flow.user_code)).toMatchObject({ ok: false, reason: "request_unavailable" });

    expect(await db.stepUpGrant.count({ where: { apiKeyId: apiKey.id } })).toBe(0);
    expect(await status()).toMatchObject({ status: "pending" });
    expect(await db.auditEvent.count({ where: { orgId: org.id, actorUserId: outsider.id } })).toBe(0);
    // The failure is still audited — in the outsider's own org.
    expect(
      await db.auditEvent.count({
        where: { orgId: outsider.orgId, actorUserId: outsider.id, action: "step_up.verify", decision: "failed" },
      }),
    ).toBe(1);
  });

  it("the approval page shows an outsider nothing about the key's org; the creator sees it", async () => {
    const { org, owner, flow } = await keyAsking();
    const outsider = await person(null);
    signIn(outsider);
    const seen = strings(await ApprovePage({ searchParams: Promise.resolve({ code: flow.user_code }) })).join("\n");
    expect(seen).toContain(APPROVAL_UNAVAILABLE_MESSAGE);
    expect(seen).not.toContain(org.name);
    expect(seen).not.toContain("ci");

    signIn(owner);
    const own = strings(await ApprovePage({ searchParams: Promise.resolve({ code: flow.user_code }) })).join("\n");
    expect(own).toContain(org.name);
  });
});

describe("attack: a plain member approving exports for a key an admin created", () => {
  it("a member who did not create the key is refused, with the same answer as an outsider", async () => {
    const { org, apiKey, flow, status } = await keyAsking("exports.csv");
    const member = await person(org.id, "member");
    const res = await approveOverHttp(member, flow.user_code);
    expect(res).toEqual({ status: 404, body: expect.objectContaining({ error_description: APPROVAL_UNAVAILABLE_MESSAGE }) });
    expect(await db.stepUpGrant.count({ where: { apiKeyId: apiKey.id } })).toBe(0);
    expect(await status()).toMatchObject({ status: "pending" });
  });

  it("an admin who did not create the key may approve", async () => {
    const { org, apiKey, flow, status } = await keyAsking("exports.csv");
    const admin = await person(org.id, "admin");
    expect((await approveOverHttp(admin, flow.user_code)).status).toBe(200);
    expect(await status()).toMatchObject({ status: "approved" });
    expect(await db.stepUpGrant.findFirstOrThrow({ where: { apiKeyId: apiKey.id } })).toMatchObject({
      userId: admin.id,
      actionId: "exports.csv",
    });
  });

  it("an admin is refused for an action above their role (billing.manage needs an owner)", async () => {
    const { org, apiKey, flow } = await keyAsking("billing.manage");
    const admin = await person(org.id, "admin");
    expect((await approveOverHttp(admin, flow.user_code)).status).toBe(404);
    expect(await db.stepUpGrant.count({ where: { apiKeyId: apiKey.id } })).toBe(0);
  });

  it("the creator, demoted to member, may still approve an action a member may run", async () => {
    const { org, owner, flow, status } = await keyAsking("exports.csv");
    await db.membership.update({ where: { orgId_userId: { orgId: org.id, userId: owner.id } }, data: { role: "member" } });
    expect((await approveOverHttp(owner, flow.user_code)).status).toBe(200);
    expect(await status()).toMatchObject({ status: "approved" });
  });
});

describe("attack: guessing user codes", () => {
  it(`40 wrong codes in a burst from one session: ${APPROVAL_LOOKUPS_PER_SESSION} are looked up, the rest are throttled (429)`, async () => {
    const guesser = await person(null);
    signIn(guesser);
    const codes = Array.from({ length: 40 }, (_, i) => `ZZZZ-${String(i).padStart(4, "2").replace(/[01]/g, "A")}`);
    const statuses = await Promise.all(codes.map(async (approveCode) => (await stepUpOptions.POST(post({ approveCode }))).status));
    expect(statuses.filter((s) => s === 404)).toHaveLength(APPROVAL_LOOKUPS_PER_SESSION);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - APPROVAL_LOOKUPS_PER_SESSION);
  });

  it(`the same burst spread over many sessions is stopped per IP after ${APPROVAL_LOOKUPS_PER_IP}`, async () => {
    const guesser = await person(null);
    const sessions = await Promise.all(Array.from({ length: 40 }, () => createSession({ userId: guesser.id })));
    const results = await Promise.all(
      sessions.map((s, i) =>
        lookupApprovalRequest({
          userCode: `YYYY-${String(i).padStart(4, "2").replace(/[01]/g, "B")}`,
          approver: { userId: guesser.id, sessionId: s.id, ip: current.ip },
          now: new Date(),
        }),
      ),
    );
    expect(results.filter((r) => r.kind === "unavailable")).toHaveLength(APPROVAL_LOOKUPS_PER_IP);
    expect(results.filter((r) => r.kind === "throttled")).toHaveLength(40 - APPROVAL_LOOKUPS_PER_IP);
  });

  it("the approver opening their own request repeatedly is never throttled", async () => {
    const { owner, flow } = await keyAsking();
    for (let i = 0; i < APPROVAL_LOOKUPS_PER_SESSION + 5; i++) {
      const found = await lookupApprovalRequest({
        userCode: flow.user_code,
        approver: { userId: owner.id, sessionId: owner.sessionId, ip: current.ip },
        now: new Date(),
      });
      expect(found.kind).toBe("found");
    }
  });
});

describe("attack: approving a request after it was denied", () => {
  it("Deny ends the request: the client sees 'denied', and a later approval is refused", async () => {
    const { org, owner, apiKey, flow, status } = await keyAsking();
    signIn(owner);
    expect(await denyApiStepUpAction(flow.user_code)).toEqual({ ok: true, data: { denied: true } });
    expect(await status()).toMatchObject({ status: "denied" });
    expect(
      await db.auditEvent.count({ where: { orgId: org.id, actorUserId: owner.id, action: "step_up.deny_api", decision: "refused" } }),
    ).toBe(1);

    expect((await approveOverHttp(owner, flow.user_code)).status).toBe(404);
    // A challenge bound to the request before the denial cannot complete it either.
    expect(await approveBehindTheRoute(owner, flow.user_code)).toMatchObject({ ok: false, reason: "request_unavailable" });
    expect(await db.stepUpGrant.count({ where: { apiKeyId: apiKey.id } })).toBe(0);
    expect(await status()).toMatchObject({ status: "denied" });
  });

  it("an outsider cannot deny someone else's request (generic answer, request stays pending)", async () => {
    const { org, flow, status } = await keyAsking();
    const outsider = await person(null);
    signIn(outsider);
    expect(await denyApiStepUpAction(flow.user_code)).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: APPROVAL_UNAVAILABLE_MESSAGE },
    });
    expect(await status()).toMatchObject({ status: "pending" });
    expect(await db.auditEvent.count({ where: { orgId: org.id, actorUserId: outsider.id } })).toBe(0);
  });
});
