// The whole decision table, generated from the policy: every action × plan × role × grant
// state (none, fresh, one second too old) against real Postgres through authorize(). A new
// action in lib/licensing/policy.ts is covered here without touching this file.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/guard/authorize";
import {
  ACTION_IDS,
  ACTIONS,
  PLAN_IDS,
  ROLES,
  cheapestPlanWith,
  planHasFeature,
  roleAtLeast,
  stepUpRequirement,
  type ActionId,
  type PlanId,
  type Role,
} from "@/lib/licensing/policy";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";

const NOW = new Date();
type GrantState = "none" | "fresh" | "stale";
type Member = { userId: string; email: string; orgId: string };
const members = new Map<string, Member>(); // `${plan}:${role}`

beforeAll(async () => {
  for (const plan of PLAN_IDS) {
    const { user, org } = await createUserWithOrg({ plan });
    members.set(`${plan}:owner`, { userId: user.id, email: user.email, orgId: org.id });
    for (const role of ["admin", "member"] as const) {
      const m = await addMember({ orgId: org.id, role });
      members.set(`${plan}:${role}`, { userId: m.id, email: m.email, orgId: org.id });
    }
  }
});

/** A session for this member holding the grant state for this action. */
async function sessionWith({ member, actionId, plan, state }: { member: Member; actionId: ActionId; plan: PlanId; state: GrantState }) {
  const session = await createSession({ userId: member.userId, orgId: member.orgId });
  const requirement = stepUpRequirement(actionId, plan);
  if (state !== "none" && requirement) {
    const once = requirement.maxAge === 0;
    const ageSeconds = state === "fresh" ? (once ? 1 : Math.floor(requirement.maxAge / 2)) : requirement.maxAge + 1;
    await db.stepUpGrant.create({
      data: {
        sessionId: session.id,
        userId: member.userId,
        orgId: member.orgId,
        method: "passkey",
        strength: "phishing_resistant",
        level: requirement.level,
        actionId: once ? actionId : null,
        verifiedAt: new Date(NOW.getTime() - ageSeconds * 1000),
        expiresAt: new Date(NOW.getTime() + 86_400_000),
        // A stale single-use grant is one already spent.
        consumedAt: once && state === "stale" ? NOW : null,
      },
    });
  }
  return { kind: "session" as const, sid: session.id, userId: member.userId, email: member.email, orgId: member.orgId };
}

function expected(actionId: ActionId, plan: PlanId, role: Role, state: GrantState) {
  const action = ACTIONS[actionId];
  if (!roleAtLeast(role, action.minRole)) return { ok: false, kind: "forbidden" };
  if (action.feature && !planHasFeature(plan, action.feature))
    return { ok: false, kind: "plan_required", plan: cheapestPlanWith(action.feature) };
  const requirement = stepUpRequirement(actionId, plan);
  if (!requirement || state === "fresh") return { ok: true };
  return { ok: false, kind: "step_up_required", maxAge: requirement.maxAge };
}

const cases = ACTION_IDS.flatMap((actionId) =>
  PLAN_IDS.flatMap((plan) =>
    ROLES.flatMap((role) => (["none", "fresh", "stale"] as const).map((state) => [actionId, plan, role, state] as const)),
  ),
);

describe("policy matrix: action × plan × role × grant", () => {
  it.each(cases)("%s on %s as %s with %s grant", async (actionId, plan, role, state) => {
    const member = members.get(`${plan}:${role}`)!;
    const ctx = await sessionWith({ member, actionId, plan, state });
    const decision = await authorize({ actionId, ctx, now: NOW });
    const want = expected(actionId, plan, role, state);
    if (want.ok) {
      expect(decision.ok, decision.ok ? "" : JSON.stringify(decision.refusal)).toBe(true);
      return;
    }
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.refusal.kind).toBe(want.kind);
    if (decision.refusal.kind === "plan_required") expect(decision.refusal.plan).toBe(want.plan);
    if (decision.refusal.kind === "step_up_required") {
      expect(decision.refusal.maxAge).toBe(want.maxAge);
      expect(decision.refusal.actionId).toBe(actionId);
    }
  });

  it("covers every action id with all 27 plan × role × grant combinations", () => {
    expect(cases).toHaveLength(ACTION_IDS.length * 27);
  });
});

// Require SSO (lib/licensing/sso-standing.ts): the same table in orgs whose connection requires
// SSO, for sessions that signed in with a password, through the org's own connection, or
// through another org's. On a plan with `sso` only the org's own SSO session passes as a
// member or admin; owners pass anyway (break-glass). Without `sso` the switch is inert.
type SsoSession = "password" | "own_sso" | "other_sso";
const ssoMembers = new Map<string, Member & { connectionId: string }>();
let otherConnectionId = "";

beforeAll(async () => {
  const connect = (orgId: string, requireSso: boolean) =>
    db.ssoConnection.create({
      data: { orgId, issuer: "https://idp.invalid", clientId: "c", clientSecretBox: "x", requireSso },
    });
  const other = await createUserWithOrg({ plan: "enterprise" });
  otherConnectionId = (await connect(other.org.id, false)).id;
  for (const plan of PLAN_IDS) {
    const { user, org } = await createUserWithOrg({ plan });
    const { id: connectionId } = await connect(org.id, true);
    ssoMembers.set(`${plan}:owner`, { userId: user.id, email: user.email, orgId: org.id, connectionId });
    for (const role of ["admin", "member"] as const) {
      const m = await addMember({ orgId: org.id, role });
      ssoMembers.set(`${plan}:${role}`, { userId: m.id, email: m.email, orgId: org.id, connectionId });
    }
  }
});

const ssoCases = ACTION_IDS.flatMap((actionId) =>
  PLAN_IDS.flatMap((plan) =>
    ROLES.flatMap((role) => (["password", "own_sso", "other_sso"] as const).map((via) => [actionId, plan, role, via] as const)),
  ),
);

describe("policy matrix under Require SSO: action × plan × role × how the session signed in (fresh grant)", () => {
  it.each(ssoCases)("%s on %s as %s, signed in with %s", async (actionId, plan, role, via: SsoSession) => {
    const member = ssoMembers.get(`${plan}:${role}`)!;
    const ctx = await sessionWith({ member, actionId, plan, state: "fresh" });
    const ssoConnectionId = via === "own_sso" ? member.connectionId : via === "other_sso" ? otherConnectionId : null;
    if (ssoConnectionId) await db.session.update({ where: { id: ctx.sid }, data: { ssoConnectionId } });
    const decision = await authorize({ actionId, ctx, now: NOW });
    const refusedBySso = planHasFeature(plan, "sso") && via !== "own_sso" && role !== "owner";
    const want = refusedBySso ? { ok: false, kind: "sso_required" } : expected(actionId, plan, role, "fresh");
    expect(decision.ok ? "ok" : decision.refusal.kind).toBe(want.ok ? "ok" : want.kind);
  });
});
