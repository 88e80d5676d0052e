// Concurrent export downloads per user and per org, capped (EXPORT_MAX_PER_USER / _PER_ORG).
// Counted in Postgres, not in process: a per-instance count would let a user run the cap on
// every instance at once, and the caps protect the shared database, not one process. A
// lease is a row taken in the transaction that decides the download (a refused one rolls
// back with it), renewed while the stream makes progress and deleted when it ends. A lease
// of an instance that died lapses at expiresAt, so a crash never locks anyone out for long.
// The caps are serialised by transaction-scoped advisory locks (exports-sql.ts).
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { Refusal } from "@/lib/action-result";
import {
  countLiveLeases,
  deleteExportLease,
  insertExportLease,
  lockOrgExports,
  lockUserExports,
  renewExportLeaseRow,
} from "@/lib/exports/exports-sql";

/** How long a lease lives without progress; renewed well before (see renewEvery). */
export const leaseSeconds = () => Math.max(60, 2 * env().EXPORT_STALL_SECONDS);
/** What a refused download is told to wait before trying again. */
export const EXPORT_RETRY_AFTER_SECONDS = 15;

export type ExportLease = { id: string };

export async function acquireExportLease({
  tx,
  userId,
  orgId,
  kind,
}: {
  tx: Db;
  userId: string;
  orgId: string;
  kind: string;
}): Promise<{ ok: true; lease: ExportLease } | { ok: false; refusal: Refusal }> {
  const { EXPORT_MAX_PER_USER: perUser, EXPORT_MAX_PER_ORG: perOrg } = env();
  // Always user, then org: every acquirer takes them in this order, so they cannot deadlock.
  await lockUserExports({ tx, userId });
  await lockOrgExports({ tx, orgId });
  const counts = await countLiveLeases({ tx, userId, orgId });
  if (counts.user >= perUser)
    return { ok: false, refusal: busy(`You already have ${perUser} exports downloading. Wait for one to finish, then try again.`) };
  if (counts.org >= perOrg)
    return {
      ok: false,
      refusal: busy(`Your organisation already has ${perOrg} exports downloading. Wait for one to finish, then try again.`),
    };
  const id = await insertExportLease({ tx, userId, orgId, kind, seconds: leaseSeconds() });
  return { ok: true, lease: { id } };
}

function busy(message: string): Refusal {
  return { kind: "locked", retryAfter: EXPORT_RETRY_AFTER_SECONDS, message };
}

/** Pushes the lease's expiry out; best effort (a missed renewal only lets it lapse early). */
export async function renewExportLease(lease: ExportLease): Promise<void> {
  try {
    await renewExportLeaseRow({ tx: db, leaseId: lease.id, seconds: leaseSeconds() });
  } catch (err) {
    logger.warn({ event: "export.lease_renew_failed", leaseId: lease.id, err }, "could not renew an export lease");
  }
}

/** Ends the lease (and sweeps lapsed ones); best effort, like renewal. */
export async function releaseExportLease(lease: ExportLease): Promise<void> {
  try {
    await deleteExportLease({ tx: db, leaseId: lease.id });
  } catch (err) {
    logger.warn({ event: "export.lease_release_failed", leaseId: lease.id, err }, "could not release an export lease");
  }
}
