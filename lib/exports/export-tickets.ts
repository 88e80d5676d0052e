// Export tickets: the guarded server action decides (plan, role, step-up — and spends a
// `once` grant) and issues a ticket; the download route redeems it exactly once, for the
// same session and org, within TICKET_TTL_SECONDS. The browser never holds a reusable
// export URL, and the streaming itself runs outside the decision's transaction.
import "server-only";
import crypto from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { getLicense } from "@/lib/licensing/get-license";
import { planHasFeature } from "@/lib/licensing/policy";
import type { InvoiceFilter } from "@/lib/reports/schemas";

export const TICKET_TTL_SECONDS = 60;
export type ExportKind = "csv" | "bulk";
const FEATURE_FOR: Record<ExportKind, "csv_export" | "bulk_export"> = { csv: "csv_export", bulk: "bulk_export" };

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

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

export type RedeemedTicket = { kind: ExportKind; orgId: string; userId: string; filters: InvoiceFilter };

/**
 * Spends a ticket (atomic: a second redemption finds nothing) and re-checks that the org
 * still has the feature and the session is live — a downgrade or sign-out between issue
 * and download refuses the download.
 */
export async function redeemExportTicket({
  token,
  sessionId,
  now,
}: {
  token: string;
  sessionId: string;
  now: Date;
}): Promise<RedeemedTicket | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ kind: ExportKind; orgId: string; userId: string; filters: InvoiceFilter }[]>`
      update "ExportTicket" set "redeemedAt" = ${now}
      where "tokenHash" = ${hashToken(token)} and "redeemedAt" is null and "expiresAt" > ${now}
        and "sessionId" = ${sessionId}::uuid
      returning kind, "orgId", "userId", filters`;
    const ticket = rows[0];
    if (!ticket) return null;
    const session = await tx.session.findUnique({ where: { id: sessionId }, select: { revokedAt: true, userId: true } });
    if (!session || session.revokedAt || session.userId !== ticket.userId) return null;
    const license = await getLicense({ orgId: ticket.orgId, tx, lock: true, now });
    if (!planHasFeature(license.plan, FEATURE_FOR[ticket.kind])) return null;
    return ticket;
  });
}
