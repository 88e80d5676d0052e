// Attacks on the export ticket: a ticket issued while the holder could export must not be
// redeemable once the policy would refuse the same request (demoted, removed, signed out,
// downgraded). Redemption is refused, nothing is streamed, and the refusal is audited.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { issueExportTicket, type ExportKind } from "@/lib/exports/export-tickets";
import type { Role } from "@/lib/licensing/policy";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
const download = await import("@/app/api/exports/download/route");

beforeEach(() => {
  current.session = null;
});

/** An enterprise org with an admin signed in, holding a fresh ticket of `kind`. */
async function adminWithTicket(kind: ExportKind = "bulk") {
  const { org } = await createUserWithOrg({ plan: "enterprise" });
  const admin = await addMember({ orgId: org.id, role: "admin" });
  const session = await createSession({ userId: admin.id, orgId: org.id });
  const token = await issueExportTicket({
    tx: db,
    kind,
    sessionId: session.id,
    userId: admin.id,
    orgId: org.id,
    filters: {},
    now: new Date(),
  });
  const role: Role = "admin";
  current.session = {
    sid: session.id,
    user: { id: admin.id, email: admin.email, name: admin.name },
    org: { id: org.id, name: org.name, slug: org.slug, personal: false },
    role,
    memberships: [{ orgId: org.id, name: org.name, role, personal: false }],
  };
  return { org, admin, session, token };
}

const get = (token: string) => download.GET(new Request(`http://localhost:3000/api/exports/download?ticket=${token}`));

async function refusals(orgId: string) {
  return db.auditEvent.findMany({ where: { orgId, decision: "refused" }, select: { action: true, actorUserId: true, detail: true } });
}

describe("attack: redeeming an export ticket after the holder lost the right to export", () => {
  it("control: an unchanged admin's bulk ticket streams NDJSON (its once step-up was spent at issue)", async () => {
    const { token } = await adminWithTicket("bulk");
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    await res.body?.cancel();
  });

  it("admin demoted to member after issue: bulk download refused (403), nothing streamed, audited", async () => {
    const { org, admin, token } = await adminWithTicket("bulk");
    await db.membership.update({ where: { orgId_userId: { orgId: org.id, userId: admin.id } }, data: { role: "member" } });
    const res = await get(token);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body.error).toBe("forbidden");
    expect(body.error_description).toBe("Bulk export is limited to admins of this organisation.");
    expect(await refusals(org.id)).toEqual([
      { action: "exports.bulk", actorUserId: admin.id, detail: { kind: "forbidden", stage: "membership", via: "export_ticket" } },
    ]);
    // Spent: the same link does not work once the role comes back.
    await db.membership.update({ where: { orgId_userId: { orgId: org.id, userId: admin.id } }, data: { role: "admin" } });
    expect((await get(token)).status).toBe(410);
  });

  it("member removed from the org after issue: CSV download refused, audited", async () => {
    const { org, admin, token } = await adminWithTicket("csv");
    await db.membership.delete({ where: { orgId_userId: { orgId: org.id, userId: admin.id } } });
    const res = await get(token);
    expect(res.status).toBe(403);
    expect((await res.json()).error_description).toBe("You are not a member of this organisation.");
    expect(await refusals(org.id)).toMatchObject([{ action: "exports.csv", detail: { kind: "forbidden", stage: "membership" } }]);
  });

  it("session revoked after issue: refused as signed out, audited", async () => {
    const { org, session, token } = await adminWithTicket("bulk");
    await db.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    const res = await get(token);
    expect(res.status).toBe(401);
    expect(await refusals(org.id)).toMatchObject([{ action: "exports.bulk", detail: { kind: "unauthenticated", stage: "session" } }]);
  });

  it("plan downgraded to Pro after issue: bulk refused with the plan that has it, audited", async () => {
    const { org, token } = await adminWithTicket("bulk");
    await db.subscription.update({ where: { orgId: org.id }, data: { plan: "pro", priceLookupKey: "pro_monthly" } });
    const res = await get(token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "plan_required", plan: "enterprise" });
    expect(await refusals(org.id)).toMatchObject([{ action: "exports.bulk", detail: { kind: "plan_required", stage: "license" } }]);
  });
});
