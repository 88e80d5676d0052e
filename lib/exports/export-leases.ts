// Concurrent export downloads per user and per org, capped (EXPORT_MAX_PER_USER / _PER_ORG).
// Counted in Postgres, not in process: a per-instance count would let a user run the cap on
// every instance at once, and the caps protect the shared database, not one process. A
// lease is a row taken in the transaction that decides the download (a refused one rolls
// back with it), renewed while the stream makes progress and deleted when it ends. A lease
// of an instance that died lapses at expiresAt, so a crash never locks anyone out for long.
// The caps are serialised by transaction-scoped advisory locks (safe behind PgBouncer in
// transaction mode; nothing outlives the transaction).
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { Refusal } from "@/lib/action-result";

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
  await tx.$queryRaw`select pg_advisory_xact_lock(hashtextextended(${"tiergate:exports:user:" + userId}, 0))::text`;
  await tx.$queryRaw`select pg_advisory_xact_lock(hashtextextended(${"tiergate:exports:org:" + orgId}, 0))::text`;
  const [counts] = await tx.$queryRaw<{ user: number; org: number }[]>`
    select count(*) filter (where "userId" = ${userId}::uuid)::int as "user",
           count(*) filter (where "orgId" = ${orgId}::uuid)::int as org
      from "ExportLease"
     where ("userId" = ${userId}::uuid or "orgId" = ${orgId}::uuid)
       and "expiresAt" > (now() at time zone 'UTC')`;
  if ((counts?.user ?? 0) >= perUser)
    return { ok: false, refusal: busy(`You already have ${perUser} exports downloading. Wait for one to finish, then try again.`) };
  if ((counts?.org ?? 0) >= perOrg)
    return {
      ok: false,
      refusal: busy(`Your organisation already has ${perOrg} exports downloading. Wait for one to finish, then try again.`),
    };
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    insert into "ExportLease" (id, "userId", "orgId", kind, "expiresAt")
    values (gen_random_uuid(), ${userId}::uuid, ${orgId}::uuid, ${kind}, (now() at time zone 'UTC') + make_interval(secs => ${leaseSeconds()}))
    returning id::text`;
  return { ok: true, lease: { id: row!.id } };
}

function busy(message: string): Refusal {
  return { kind: "locked", retryAfter: EXPORT_RETRY_AFTER_SECONDS, message };
}

/** Pushes the lease's expiry out; best effort (a missed renewal only lets it lapse early). */
export async function renewExportLease(lease: ExportLease): Promise<void> {
  try {
    await db.$executeRaw`
      update "ExportLease" set "expiresAt" = (now() at time zone 'UTC') + make_interval(secs => ${leaseSeconds()}) where id = ${lease.id}::uuid`;
  } catch (err) {
    logger.warn({ event: "export.lease_renew_failed", leaseId: lease.id, err }, "could not renew an export lease");
  }
}

/** Ends the lease (and sweeps lapsed ones); best effort, like renewal. */
export async function releaseExportLease(lease: ExportLease): Promise<void> {
  try {
    await db.$executeRaw`
      delete from "ExportLease" where id = ${lease.id}::uuid or "expiresAt" < (now() at time zone 'UTC')`;
  } catch (err) {
    logger.warn({ event: "export.lease_release_failed", leaseId: lease.id, err }, "could not release an export lease");
  }
}
