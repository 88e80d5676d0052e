// Attacks on Require SSO (issue 15): an org whose connection requires SSO lets a session act
// in it only when the session came through THAT connection. Password and passkey sessions of
// members, and SSO sessions of another org's connection, are refused `sso_required` by every
// client (action, read, route); owners keep a break-glass way in, audited once per session;
// a plan without `sso` makes the switch inert; the switch itself is an owner's strict action.
// Sessions are real rows: an SSO session is what finish-sso-sign-in writes (ssoConnectionId),
// and the defence reads exactly that column, so no trip to an IdP is needed to prove it.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { guardedEntryPoints } from "@/lib/guard/registry";
import { refusalResponse } from "@/lib/guard/refusal-response";
import { authorize } from "@/lib/guard/authorize";
import type { GuardContext } from "@/lib/guard/context";
import type { Refusal } from "@/lib/action-result";
import { sealSecret } from "@/lib/crypto/secret-box";
import { secretContext } from "@/lib/sso/get-connection";
import { TEST_CLIENT } from "@/tests/helpers/oidc-idp";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { registerPasskey, stepUp, auditRows } from "@/tests/helpers/step-up";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { stepUpRequirement, type PlanId, type Role } from "@/lib/licensing/policy";

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

beforeAll(async () => {
  await import("@/app/(app)/admin/sso/actions");
  await import("@/app/(app)/reports/actions");
  await import("@/app/(app)/reports/reads");
  await import("@/app/(app)/dashboard/reads");
  await import("@/app/api/v1/license/route");
});

/** A registered entry point, looked up when called (the modules register in beforeAll). */
const entry = (key: string) => (ctx: GuardContext | null, input: unknown) => {
  const e = guardedEntryPoints().get(key);
  if (!e) throw new Error(`no entry point ${key}`);
  return e.invoke({ ctx, input });
};
const csvExport = entry("action:exports.csv:startCsvExport");
const reportRead = entry("read:reports.view:loadReport");
const licenseRoute = entry("route:license.view:viewLicense");
const overviewRead = entry("read:license.view:viewOverview");
const setRequire = entry("action:sso.require:setRequireSso");

async function connect(orgId: string, requireSso: boolean) {
  return db.ssoConnection.create({
    data: {
      orgId,
      issuer: "https://idp.invalid",
      clientId: TEST_CLIENT.clientId,
      clientSecretBox: sealSecret(TEST_CLIENT.clientSecret, secretContext(orgId)),
      requireSso,
      domains: { create: [{ domain: `req-${crypto.randomUUID().slice(0, 8)}.example` }] },
    },
  });
}

type Person = { userId: string; email: string; sid: string; ctx: GuardContext };

/** A session of `userId` in `orgId`; `via` a connection id makes it an SSO session of that connection. */
async function sessionFor(userId: string, email: string, orgId: string, via: string | null = null): Promise<Person> {
  const session = await createSession({ userId, orgId });
  if (via)
    await db.session.update({
      where: { id: session.id },
      data: { ssoConnectionId: via, ssoSubject: `sub-${userId}`, ssoAuthTime: new Date() },
    });
  return { userId, email, sid: session.id, ctx: { kind: "session", sid: session.id, userId, email, orgId } };
}

async function requireSsoOrg({ plan = "enterprise" as PlanId, requireSso = true } = {}) {
  const { user: owner, org } = await createUserWithOrg({ plan });
  const connection = await connect(org.id, requireSso);
  const person = async (role: Role, via: string | null = null) => {
    const u = role === "owner" ? owner : await addMember({ orgId: org.id, role });
    return sessionFor(u.id, u.email, org.id, via);
  };
  return { org, owner, connection, person };
}

const kindOf = (r: { ok: boolean; error?: Refusal }) => (r.ok ? "ok" : r.error!.kind);

describe("attack: a member's password session acting in a require-SSO org", () => {
  it("is refused sso_required by an action, a read and a route, with the way to the SSO sign-in", async () => {
    const { person } = await requireSsoOrg();
    const member = await person("member");
    for (const call of [csvExport, reportRead, licenseRoute]) {
      const result = await call(member.ctx, {});
      expect(kindOf(result)).toBe("sso_required");
      if (!result.ok && result.error.kind === "sso_required") {
        expect(result.error.startUrl).toBe(`/sso/required?email=${encodeURIComponent(member.email)}`);
        expect(result.error.message).toMatch(/requires single sign-on/);
      }
    }
    // Each refusal is audited at its stage.
    const refused = await auditRows({ actorUserId: member.userId });
    expect(refused.map((r) => r.decision)).toEqual(["refused", "refused", "refused"]);
    expect(refused.every((r) => (r.detail as { kind: string }).kind === "sso_required")).toBe(true);
  });

  it("is refused by authorize() on its own (the Prisma facts path) the same way", async () => {
    const { person } = await requireSsoOrg();
    const admin = await person("admin");
    const decision = await authorize({ actionId: "reports.view", ctx: admin.ctx, now: new Date() });
    expect(decision.ok ? "ok" : decision.refusal.kind).toBe("sso_required");
    const locked = await db.$transaction((tx) => authorize({ actionId: "reports.view", ctx: admin.ctx, now: new Date(), tx, lock: true }));
    expect(locked.ok ? "ok" : locked.refusal.kind).toBe("sso_required");
  });

  it("is refused on the overview too (the landing page reads through the guard), audited though the read is quiet", async () => {
    const { person, connection } = await requireSsoOrg();
    const member = await person("member");
    expect(kindOf(await overviewRead(member.ctx, {}))).toBe("sso_required");
    expect((await auditRows({ actorUserId: member.userId })).map((r) => r.decision)).toEqual(["refused"]);
    // Through the org's connection the overview shows, and (quiet) writes no allowed row.
    const viaSso = await person("member", connection.id);
    const shown = await overviewRead(viaSso.ctx, {});
    expect(kindOf(shown)).toBe("ok");
    expect(await auditRows({ actorUserId: viaSso.userId })).toEqual([]);
  });

  it("answers a browser's route call 403 with the start URL (never a 500)", async () => {
    const response = refusalResponse({ kind: "sso_required", startUrl: "/sso/required?email=a%40b.example", message: "m" }, "session");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "sso_required", start_url: "/sso/required?email=a%40b.example" });
  });

  it("is let through once the session came through the org's connection", async () => {
    const { person, connection } = await requireSsoOrg();
    const member = await person("member", connection.id);
    expect(kindOf(await reportRead(member.ctx, {}))).toBe("ok");
    expect(kindOf(await licenseRoute(member.ctx, {}))).toBe("ok");
    // The next layer decides now: the export still wants its step-up.
    expect(kindOf(await csvExport(member.ctx, {}))).toBe("step_up_required");
  });
});

describe("attack: a member's passkey session acting in a require-SSO org", () => {
  it("is refused: a passkey sign-in, even with a fresh passkey step-up, is not the org's SSO", async () => {
    const { org, person } = await requireSsoOrg();
    const member = await person("member");
    const authenticator = new SoftAuthenticator();
    await registerPasskey({ userId: member.userId, sessionId: member.sid, orgId: org.id, authenticator });
    const stepped = await stepUp({ userId: member.userId, sessionId: member.sid, orgId: org.id, authenticator, actionId: "exports.csv" });
    expect(stepped.ok).toBe(true);
    expect(kindOf(await csvExport(member.ctx, {}))).toBe("sso_required");
    expect(kindOf(await reportRead(member.ctx, {}))).toBe("sso_required");
  });
});

describe("attack: an SSO session of ANOTHER org's connection", () => {
  it("is refused in the require-SSO org: the connection must be that org's own", async () => {
    const { org, person } = await requireSsoOrg();
    const other = await createUserWithOrg({ plan: "enterprise" });
    const otherConnection = await connect(other.org.id, false);
    const member = await person("member");
    const viaOther = await sessionFor(member.userId, member.email, org.id, otherConnection.id);
    expect(kindOf(await reportRead(viaOther.ctx, {}))).toBe("sso_required");
    expect(kindOf(await licenseRoute(viaOther.ctx, {}))).toBe("sso_required");
  });
});

describe("attack: the wrong org", () => {
  it("a require-SSO org's session cannot be carried into an org the person is not in, and another org is untouched", async () => {
    const { person } = await requireSsoOrg();
    const member = await person("member");
    const stranger = await createUserWithOrg({ plan: "enterprise" });
    const intoOther = { ...member.ctx, orgId: stranger.org.id } as GuardContext;
    expect(kindOf(await reportRead(intoOther, {}))).toBe("forbidden");
    // The member's own personal org (no connection) is not governed by the other org's switch.
    const own = await createUserWithOrg({ plan: "enterprise" });
    const ownSession = await sessionFor(own.user.id, own.user.email, own.org.id);
    expect(kindOf(await reportRead(ownSession.ctx, {}))).toBe("ok");
  });
});

describe("attack: an owner's break-glass", () => {
  it("is allowed with password or passkey, and audited as sso.break_glass once per session per org", async () => {
    const { org, person } = await requireSsoOrg();
    const owner = await person("owner");
    expect(kindOf(await reportRead(owner.ctx, {}))).toBe("ok");
    expect(kindOf(await licenseRoute(owner.ctx, {}))).toBe("ok");
    expect(kindOf(await reportRead(owner.ctx, {}))).toBe("ok");
    const glass = await auditRows({ orgId: org.id, action: "sso.break_glass" });
    expect(glass).toHaveLength(1);
    expect(glass[0]).toMatchObject({ actorUserId: owner.userId, decision: "allowed" });
    expect(glass[0].detail).toMatchObject({ sessionId: owner.sid, firstAction: "reports.view" });
    expect(await db.ssoBreakGlass.count({ where: { sessionId: owner.sid, orgId: org.id } })).toBe(1);
    // A second session of the same owner is a second break-glass.
    const again = await person("owner");
    expect(kindOf(await reportRead(again.ctx, {}))).toBe("ok");
    expect(await auditRows({ orgId: org.id, action: "sso.break_glass" })).toHaveLength(2);
  });

  it("is not recorded for an owner who came through the org's SSO, nor by a refused call", async () => {
    const { org, person, connection } = await requireSsoOrg();
    const viaSso = await person("owner", connection.id);
    expect(kindOf(await reportRead(viaSso.ctx, {}))).toBe("ok");
    const owner = await person("owner");
    // Refused at step-up: the break-glass row rolls back with the call.
    expect(kindOf(await csvExport(owner.ctx, {}))).toBe("step_up_required");
    expect(await auditRows({ orgId: org.id, action: "sso.break_glass" })).toHaveLength(0);
    expect(await db.ssoBreakGlass.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("attack: requireSso on an org whose plan lost sso (downgrade)", () => {
  it("is inert: members' password sessions act as before, nobody is locked out", async () => {
    const { org, person } = await requireSsoOrg({ plan: "pro" });
    const member = await person("member");
    expect(kindOf(await reportRead(member.ctx, {}))).toBe("ok");
    const owner = await person("owner");
    expect(kindOf(await reportRead(owner.ctx, {}))).toBe("ok");
    expect(await auditRows({ orgId: org.id, action: "sso.break_glass" })).toHaveLength(0);
  });

  it("a connection that does not require SSO refuses nobody", async () => {
    const { person } = await requireSsoOrg({ requireSso: false });
    expect(kindOf(await reportRead((await person("member")).ctx, {}))).toBe("ok");
  });
});

describe("attack: API keys of a require-SSO org", () => {
  it("are unaffected (a key carries no sign-in to judge; SSO governs how people sign in)", async () => {
    const { org, owner } = await requireSsoOrg();
    const key = await db.apiKey.create({
      data: { orgId: org.id, createdByUserId: owner.id, name: "ci", prefix: "tg_x", hash: crypto.randomUUID() },
    });
    const ctx: GuardContext = { kind: "api_key", apiKeyId: key.id, orgId: org.id, userId: owner.id };
    expect(kindOf(await licenseRoute(ctx, {}))).toBe("ok");
    expect(await auditRows({ orgId: org.id, action: "sso.break_glass" })).toHaveLength(0);
  });
});

/** An owner (or `role`) with a fresh strict passkey step-up for sso.require. */
async function steppedUp(orgId: string, person: Person) {
  const authenticator = new SoftAuthenticator();
  await registerPasskey({ userId: person.userId, sessionId: person.sid, orgId, authenticator });
  const result = await stepUp({ userId: person.userId, sessionId: person.sid, orgId, authenticator, actionId: "sso.require" });
  if (!result.ok) throw new Error(`step-up failed: ${result.kind}`);
  return person;
}

describe("attack: setting requireSso", () => {
  it("by an owner after a fresh strict step-up: applied and audited (the happy path)", async () => {
    const { org, person, connection } = await requireSsoOrg({ requireSso: false });
    const owner = await steppedUp(org.id, await person("owner"));
    expect(await setRequire(owner.ctx, { requireSso: true })).toEqual({ ok: true, data: { requireSso: true } });
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(true);
    expect(await auditRows({ orgId: org.id, action: "sso.require_on" })).toHaveLength(1);
  });

  it("by an admin (not owner) is refused and writes nothing", async () => {
    const { org, person, connection } = await requireSsoOrg({ requireSso: false });
    const admin = await steppedUp(org.id, await person("admin", connection.id));
    expect(kindOf(await setRequire(admin.ctx, { requireSso: true }))).toBe("forbidden");
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(false);
  });

  it("by an owner without a fresh step-up is refused step_up_required and writes nothing", async () => {
    const { org, person, connection } = await requireSsoOrg({ requireSso: false });
    const owner = await person("owner");
    const result = await setRequire(owner.ctx, { requireSso: true });
    expect(kindOf(result)).toBe("step_up_required");
    if (!result.ok && result.error.kind === "step_up_required") expect(result.error.methods).not.toContain("totp");
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(false);
    expect(await auditRows({ orgId: org.id, action: "sso.require_on" })).toHaveLength(0);
  });

  it("with a stale step-up (one second past the strict rule's age) is refused", async () => {
    const { org, person, connection } = await requireSsoOrg({ requireSso: false });
    const owner = await steppedUp(org.id, await person("owner"));
    const { maxAge } = stepUpRequirement("sso.require", "enterprise")!;
    // A single-use rule's stale grant is a spent one; a timed rule's is one second too old.
    await db.stepUpGrant.updateMany({
      where: { sessionId: owner.sid },
      data: maxAge === 0 ? { consumedAt: new Date() } : { verifiedAt: new Date(Date.now() - (maxAge + 1) * 1000) },
    });
    expect(kindOf(await setRequire(owner.ctx, { requireSso: true }))).toBe("step_up_required");
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(false);
  });

  it("on a plan without sso is refused plan_required", async () => {
    const { org, person, connection } = await requireSsoOrg({ plan: "pro", requireSso: false });
    const owner = await steppedUp(org.id, await person("owner"));
    const result = await setRequire(owner.ctx, { requireSso: true });
    expect(kindOf(result)).toBe("plan_required");
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(false);
  });

  it("with a malformed body is refused invalid, names the field, and keeps the grant", async () => {
    const { org, person, connection } = await requireSsoOrg({ requireSso: false });
    const owner = await steppedUp(org.id, await person("owner"));
    for (const input of [{}, { requireSso: "yes" }, { requireSso: true, extra: 1 }, null]) {
      const result = await setRequire(owner.ctx, input);
      expect(kindOf(result)).toBe("invalid");
    }
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).requireSso).toBe(false);
    // Every refusal rolled back, the spent grant included: the real call still goes through.
    expect(kindOf(await setRequire(owner.ctx, { requireSso: true }))).toBe("ok");
  });

  it("in the wrong org (an owner elsewhere, stepped up there) is refused and the target is untouched", async () => {
    const target = await requireSsoOrg({ requireSso: false });
    const { org: theirs, user } = await createUserWithOrg({ plan: "enterprise" });
    const attacker = await steppedUp(theirs.id, await sessionFor(user.id, user.email, theirs.id));
    const intoTarget = { ...attacker.ctx, orgId: target.org.id } as GuardContext;
    expect(kindOf(await setRequire(intoTarget, { requireSso: true }))).toBe("forbidden");
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: target.connection.id } })).requireSso).toBe(false);
  });

  it("without a connection is refused with a clear field message", async () => {
    const { user, org } = await createUserWithOrg({ plan: "enterprise" });
    const owner = await steppedUp(org.id, await sessionFor(user.id, user.email, org.id));
    const result = await setRequire(owner.ctx, { requireSso: true });
    expect(kindOf(result)).toBe("invalid");
    if (!result.ok && result.error.kind === "invalid") expect(result.error.fields.requireSso).toMatch(/connection first/);
  });
});

describe("attack: probing the sign-in page's Require SSO check (POST /api/sso/required)", () => {
  const ask = async (body: string) => {
    const { POST } = await import("@/app/api/sso/required/route");
    const res = await POST(
      new Request("http://localhost:3000/api/sso/required", { method: "POST", headers: { "content-type": "application/json" }, body }),
    );
    return { status: res.status, body: (await res.json()) as { required?: boolean; orgName?: string | null } };
  };
  const domainOf = async (orgId: string) => (await db.ssoDomain.findFirstOrThrow({ where: { connection: { orgId } } })).domain;

  it("answers required only for a require-SSO domain on a plan with sso, and says nothing about accounts", async () => {
    const on = await requireSsoOrg();
    const off = await requireSsoOrg({ requireSso: false });
    const downgraded = await requireSsoOrg({ plan: "pro" });
    expect((await ask(JSON.stringify({ email: `nobody-here@${await domainOf(on.org.id)}` }))).body).toEqual({
      required: true,
      orgName: on.org.name,
    });
    expect((await ask(JSON.stringify({ email: `x@${await domainOf(off.org.id)}` }))).body).toEqual({ required: false, orgName: null });
    expect((await ask(JSON.stringify({ email: `x@${await domainOf(downgraded.org.id)}` }))).body).toEqual({
      required: false,
      orgName: null,
    });
  });

  it("refuses a malformed body with a clear 400", async () => {
    for (const body of ["{", JSON.stringify({ email: "not-an-email" }), JSON.stringify({ email: "a@b.example", extra: 1 })]) {
      const answer = await ask(body);
      expect(answer.status).toBe(400);
    }
  });
});
