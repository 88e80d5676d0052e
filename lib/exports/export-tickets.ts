// Export tickets: the guarded server action decides (plan, role, step-up — and spends a
// `once` grant) and issues a ticket; the download route redeems it exactly once, for the
// same session and org, within TICKET_TTL_SECONDS. The browser never holds a reusable
// export URL, and the streaming itself runs outside the decision's transaction.
import "server-only";
import crypto from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/guard/authorize";
import { actorOf } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { isActionId, type ActionId } from "@/lib/licensing/policy";
import type { Refusal } from "@/lib/action-result";
import { ZInvoiceFilterSchema, type InvoiceFilter } from "@/lib/reports/schemas";
import { spendExportTicket } from "@/lib/exports/exports-sql";
import { acquireExportLease, type ExportLease } from "@/lib/exports/export-leases";

export const TICKET_TTL_SECONDS = 60;
/** The export actions of the policy; a ticket's kind is the part after "exports.". */
export type ExportActionId = Extract<ActionId, `exports.${string}`>;
export type ExportKind = ExportActionId extends `exports.${infer K}` ? K : never;
/** The policy action a ticket was issued under (its feature and minimum role live there). */
const actionOf = (kind: string): ExportActionId | null => {
  const id = `exports.${kind}`;
  return isActionId(id) ? (id as ExportActionId) : null;
};

export async function issueExportTicket({
  tx,
  kind,
  sessionId,
  userId,
  orgId,
  filters,
  now,
}: {
  tx: Db;
  kind: ExportKind;
  sessionId: string;
  userId: string;
  orgId: string;
  filters: InvoiceFilter | Record<string, never>;
  now: Date;
}) {
  const token = crypto.randomBytes(24).toString("base64url");
  await tx.exportTicket.create({
    data: {
      tokenHash: hashToken(token),
      kind,
      sessionId,
      userId,
      orgId,
      filters: filters as Prisma.InputJsonValue,
      expiresAt: new Date(now.getTime() + TICKET_TTL_SECONDS * 1000),
    },
  });
  return token;
}

export type RedeemedTicket = { kind: ExportKind; orgId: string; userId: string; filters: InvoiceFilter; lease: ExportLease };
export type Redemption = { ok: true; ticket: RedeemedTicket } | { ok: false; refusal: Refusal | null };

/**
 * Spends a ticket (atomic: a second redemption finds nothing), then asks the policy again
 * whether the ticket's holder may still run its action in its org: session live, still a
 * member, role still at the action's minimum, plan still with its feature. An admin demoted
 * or removed, a signed-out session or a downgrade between issue and download refuses it
 * (audited). Step-up is not asked again: it was judged, and a `once` grant spent, at issue.
 * `refusal` is null when there is no such live ticket (unknown, used, expired, other session).
 * An allowed download also takes its export lease here: past the user's or org's cap it is
 * refused (429) and the whole redemption rolls back, so the link still works once a running
 * export finishes.
 */
export async function redeemExportTicket({
  token,
  session,
  now,
  ip = null,
}: {
  token: string;
  session: Pick<SessionContext, "sid" | "email">;
  now: Date;
  ip?: string | null;
}): Promise<Redemption> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { ok: false, refusal: null };
  try {
    return await redeemInTransaction({ token, session, now, ip });
  } catch (err) {
    if (err instanceof AtCap) return { ok: false, refusal: err.refusal };
    throw err;
  }
}

/** Thrown to roll the redemption back when the export caps are reached. */
class AtCap extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.kind);
  }
}

async function redeemInTransaction({
  token,
  session,
  now,
  ip,
}: {
  token: string;
  session: Pick<SessionContext, "sid" | "email">;
  now: Date;
  ip: string | null;
}): Promise<Redemption> {
  return db.$transaction(async (tx) => {
    const spent = await spendExportTicket({ tx, tokenHash: hashToken(token), sessionId: session.sid, now });
    const ticket = spent && { ...spent, filters: ZInvoiceFilterSchema.parse(spent.filters) };
    const actionId = ticket && actionOf(ticket.kind);
    if (!ticket || !actionId) return { ok: false, refusal: null };

    const ctx = { kind: "session" as const, sid: session.sid, userId: ticket.userId, email: session.email, orgId: ticket.orgId };
    const decision = await authorize({ actionId, ctx, now, tx, lock: true });
    // A step-up refusal means every layer before it passed; step-up was satisfied at issue.
    if (decision.ok || decision.stage === "step_up") {
      const admitted = await acquireExportLease({ tx, userId: ticket.userId, orgId: ticket.orgId, kind: ticket.kind });
      if (!admitted.ok) throw new AtCap(admitted.refusal);
      return { ok: true, ticket: { ...ticket, kind: ticket.kind as ExportKind, lease: admitted.lease } };
    }
    // The ticket stays spent: a refused download cannot be retried with the same link.
    await recordAuditEvent({
      tx,
      orgId: ticket.orgId,
      actor: actorOf(ctx),
      action: actionId,
      decision: "refused",
      detail: { kind: decision.refusal.kind, stage: decision.stage, via: "export_ticket" },
      ip,
      at: now,
    });
    return { ok: false, refusal: decision.refusal };
  });
}
