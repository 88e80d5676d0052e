// Grows the tables the guard reads or writes on every action — Session, StepUpGrant and
// AuditEvent — to an exact row count with filler that looks like other tenants' history
// (1,000 other users and orgs; a share revoked, expired or refused; 1 % of the audit rows
// belong to the measured org so its own index range is not trivially small). Generated in
// SQL with generate_series, one statement per table, so a bench-sized table fills at once.
import { db } from "@/lib/db/client";

const TABLES = ["Session", "StepUpGrant", "AuditEvent"] as const;
const FILLER_USERS = 1000;

const COUNT: Record<(typeof TABLES)[number], () => Promise<number>> = {
  Session: () => db.session.count(),
  StepUpGrant: () => db.stepUpGrant.count(),
  AuditEvent: () => db.auditEvent.count(),
};
const count = (table: (typeof TABLES)[number]) => COUNT[table]();

async function ensureFillerUsers() {
  if ((await db.user.count({ where: { email: { startsWith: "filler-", endsWith: "@bench.example" } } })) >= FILLER_USERS) return;
  await db.$executeRaw`
    INSERT INTO "User" (id, email, name, "passwordHash")
    SELECT gen_random_uuid(), 'filler-' || i || '@bench.example', 'Filler ' || i, 'not-a-hash'
      FROM generate_series(1, ${FILLER_USERS}::int) AS i`;
}

/** The other tenants' orgs: grants must name an org that exists (StepUpGrant_orgId_fkey). */
async function ensureFillerOrgs() {
  if ((await db.organization.count({ where: { slug: { startsWith: "filler-org-" } } })) >= FILLER_USERS) return;
  await db.$executeRaw`
    INSERT INTO "Organization" (id, name, slug)
    SELECT gen_random_uuid(), 'Filler org ' || i, 'filler-org-' || i
      FROM generate_series(1, ${FILLER_USERS}::int) AS i
    ON CONFLICT (slug) DO NOTHING`;
}

/** Tops each table up to `rows` (never deletes); returns the counts after. */
export async function fillSecurityTables({ rows, measuredOrgId }: { rows: number; measuredOrgId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(measuredOrgId)) throw new Error("orgId must be a uuid");
  await ensureFillerUsers();
  await ensureFillerOrgs();
  const missing = async (table: (typeof TABLES)[number]) => Math.max(0, rows - (await count(table)));

  const sessions = await missing("Session");
  if (sessions > 0) {
    await db.$executeRaw`
      WITH u AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "User" WHERE email LIKE 'filler-%@bench.example')
      INSERT INTO "Session" (id, "userId", "userAgent", ip, "createdAt", "lastSeenAt", "revokedAt", "revokedReason")
      SELECT gen_random_uuid(), u.id, 'filler', '127.0.0.1',
             now() - make_interval(secs => i % 2592000), now() - make_interval(secs => i % 86400),
             CASE WHEN i % 3 = 0 THEN now() - make_interval(secs => i % 86400) END,
             CASE WHEN i % 3 = 0 THEN 'sign_out' END
        FROM generate_series(1, ${sessions}::int) AS i
        JOIN u ON u.n = 1 + i % ${FILLER_USERS}::int`;
  }
  const grants = await missing("StepUpGrant");
  if (grants > 0) {
    // Each grant belongs to a filler session (and its user) and a filler org: the foreign keys
    // hold, and the measured session's own index range stays as small as on a live system.
    await db.$executeRaw`
      WITH s AS (SELECT id, "userId", row_number() OVER (ORDER BY id) AS n FROM "Session" WHERE "userAgent" = 'filler'),
           sc AS (SELECT nullif(count(*), 0) AS total FROM s),
           o AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Organization" WHERE slug LIKE 'filler-org-%')
      INSERT INTO "StepUpGrant" (id, "sessionId", "userId", "orgId", method, strength, level, "actionId", "verifiedAt", "expiresAt", "consumedAt", "revokedAt", "revokedReason")
      SELECT gen_random_uuid(), s.id, s."userId", o.id,
             'passkey', 'phishing_resistant', (ARRAY['strict', 'moderate', 'lax'])[1 + i % 3], CASE WHEN i % 5 = 0 THEN 'exports.bulk' END,
             now() - make_interval(secs => i % 172800), now() - make_interval(secs => i % 172800) + INTERVAL '1 day',
             CASE WHEN i % 5 = 0 THEN now() - make_interval(secs => i % 172800) END,
             CASE WHEN i % 7 = 0 THEN now() END, CASE WHEN i % 7 = 0 THEN 'plan_changed' END
        FROM generate_series(1, ${grants}::int) AS i
       CROSS JOIN sc
        JOIN s ON s.n = 1 + i % sc.total
        JOIN o ON o.n = 1 + i % ${FILLER_USERS}::int`;
  }
  const audit = await missing("AuditEvent");
  if (audit > 0) {
    await db.$executeRaw`
      INSERT INTO "AuditEvent" ("orgId", "actorUserId", action, decision, method, detail, "createdAt")
      SELECT CASE WHEN i % 100 = 0 THEN ${measuredOrgId}::uuid ELSE md5('org' || (i % ${FILLER_USERS}::int))::uuid END,
             md5('user' || (i % ${FILLER_USERS}::int))::uuid,
             (ARRAY['exports.csv', 'admin.view', 'step_up.verify', 'reports.view'])[1 + i % 4],
             CASE WHEN i % 5 = 0 THEN 'refused' ELSE 'allowed' END, 'passkey', '{"plan":"pro"}'::jsonb,
             now() - make_interval(secs => i % 2592000)
        FROM generate_series(1, ${audit}::int) AS i`;
  }
  // Fresh statistics and visibility map, as autovacuum would leave them on a live system.
  await db.$executeRaw`VACUUM ANALYZE "Session"`;
  await db.$executeRaw`VACUUM ANALYZE "StepUpGrant"`;
  await db.$executeRaw`VACUUM ANALYZE "AuditEvent"`;
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const))) as Record<
    (typeof TABLES)[number],
    number
  >;
}
