// Grows the tables the guard reads or writes on every action — Session, StepUpGrant and
// AuditEvent — to an exact row count with filler that looks like other tenants' history
// (1,000 other users and orgs; a share revoked, expired or refused; 1 % of the audit rows
// belong to the measured org so its own index range is not trivially small). Generated in
// SQL: 10⁶ rows per table take seconds, not minutes.
import { db } from "@/lib/db/client";

const TABLES = ["Session", "StepUpGrant", "AuditEvent"] as const;
const FILLER_USERS = 1000;

async function count(table: (typeof TABLES)[number]) {
  const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from "${table}"`);
  return Number(row?.n ?? 0);
}

async function ensureFillerUsers() {
  const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from "User" where email like 'filler-%@bench.example'`);
  if (Number(row?.n ?? 0) >= FILLER_USERS) return;
  await db.$executeRawUnsafe(`
    insert into "User" (id, email, name, "passwordHash")
    select gen_random_uuid(), 'filler-' || i || '@bench.example', 'Filler ' || i, 'not-a-hash'
    from generate_series(1, ${FILLER_USERS}) as i`);
}

/** The other tenants' orgs: grants must name an org that exists (StepUpGrant_orgId_fkey). */
async function ensureFillerOrgs() {
  const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from "Organization" where slug like 'filler-org-%'`);
  if (Number(row?.n ?? 0) >= FILLER_USERS) return;
  await db.$executeRawUnsafe(`
    insert into "Organization" (id, name, slug)
    select gen_random_uuid(), 'Filler org ' || i, 'filler-org-' || i
    from generate_series(1, ${FILLER_USERS}) as i
    on conflict (slug) do nothing`);
}

/** Tops each table up to `rows` (never deletes); returns the counts after. */
export async function fillSecurityTables({ rows, measuredOrgId }: { rows: number; measuredOrgId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(measuredOrgId)) throw new Error("orgId must be a uuid");
  await ensureFillerUsers();
  await ensureFillerOrgs();
  const missing = async (table: (typeof TABLES)[number]) => Math.max(0, rows - (await count(table)));

  const sessions = await missing("Session");
  if (sessions > 0) {
    await db.$executeRawUnsafe(`
      with u as (select id, row_number() over (order by id) as n from "User" where email like 'filler-%@bench.example')
      insert into "Session" (id, "userId", "userAgent", ip, "createdAt", "lastSeenAt", "revokedAt", "revokedReason")
      select gen_random_uuid(), u.id, 'filler', '127.0.0.1',
             now() - make_interval(secs => i % 2592000), now() - make_interval(secs => i % 86400),
             case when i % 3 = 0 then now() - make_interval(secs => i % 86400) end,
             case when i % 3 = 0 then 'sign_out' end
      from generate_series(1, ${sessions}) as i join u on u.n = 1 + i % ${FILLER_USERS}`);
  }
  const grants = await missing("StepUpGrant");
  if (grants > 0) {
    // Each grant belongs to a filler session (and its user) and a filler org: the foreign keys
    // hold, and the measured session's own index range stays as small as on a live system.
    await db.$executeRawUnsafe(`
      with s as (select id, "userId", row_number() over (order by id) as n from "Session" where "userAgent" = 'filler'),
           sc as (select nullif(count(*), 0) as total from s),
           o as (select id, row_number() over (order by id) as n from "Organization" where slug like 'filler-org-%')
      insert into "StepUpGrant" (id, "sessionId", "userId", "orgId", method, level, "actionId", "verifiedAt", "expiresAt", "consumedAt", "revokedAt", "revokedReason")
      select gen_random_uuid(), s.id, s."userId", o.id,
             'webauthn', (array['strict','moderate','lax'])[1 + i % 3], case when i % 5 = 0 then 'exports.bulk' end,
             now() - make_interval(secs => i % 172800), now() - make_interval(secs => i % 172800) + interval '1 day',
             case when i % 5 = 0 then now() - make_interval(secs => i % 172800) end,
             case when i % 7 = 0 then now() end, case when i % 7 = 0 then 'plan_changed' end
      from generate_series(1, ${grants}) as i
      cross join sc
      join s on s.n = 1 + i % sc.total
      join o on o.n = 1 + i % ${FILLER_USERS}`);
  }
  const audit = await missing("AuditEvent");
  if (audit > 0) {
    await db.$executeRawUnsafe(`
      insert into "AuditEvent" ("orgId", "actorUserId", action, decision, method, detail, "createdAt")
      select case when i % 100 = 0 then '${measuredOrgId}'::uuid else md5('org' || (i % ${FILLER_USERS}))::uuid end,
             md5('user' || (i % ${FILLER_USERS}))::uuid,
             (array['exports.csv','admin.view','step_up.verify','reports.view'])[1 + i % 4],
             case when i % 5 = 0 then 'refused' else 'allowed' end, 'webauthn', '{"plan":"pro"}'::jsonb,
             now() - make_interval(secs => i % 2592000)
      from generate_series(1, ${audit}) as i`);
  }
  // Fresh statistics and visibility map, as autovacuum would leave them on a live system.
  for (const table of TABLES) await db.$executeRawUnsafe(`vacuum analyze "${table}"`);
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const))) as Record<
    (typeof TABLES)[number],
    number
  >;
}
