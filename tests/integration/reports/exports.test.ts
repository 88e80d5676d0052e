import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, getPool } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/demo-data";
import { issueExportTicket, redeemExportTicket, TICKET_TTL_SECONDS } from "@/lib/exports/export-tickets";
import { copyToStream } from "@/lib/exports/copy-stream";
import { releaseExportLease } from "@/lib/exports/export-leases";
import { bulkNdjsonCopy, CSV_COLUMNS, invoicesCsvCopy } from "@/lib/exports/exports-sql";
import { countMatchingInvoices } from "@/lib/reports/reports-sql";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";

const NOW = new Date("2026-11-28T00:00:00Z");
let owner: Awaited<ReturnType<typeof createUserWithOrg>>;
let other: Awaited<ReturnType<typeof createUserWithOrg>>;

beforeAll(async () => {
  owner = await createUserWithOrg({ plan: "enterprise" });
  other = await createUserWithOrg({ plan: "enterprise" });
  await seedDemoData({ db, orgId: owner.org.id, invoices: 3000, now: NOW });
  await seedDemoData({ db, orgId: other.org.id, invoices: 100, now: NOW });
});

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** Redeems as the session's own user (the route passes the signed-in session). */
async function redeem({ token, sessionId, now }: { token: string; sessionId: string; now: Date }) {
  const row = await db.session.findUnique({ where: { id: sessionId }, select: { user: { select: { email: true } } } });
  const redemption = await redeemExportTicket({ token, session: { sid: sessionId, email: row!.user.email }, now });
  // Nothing streams here: end the export's lease as a finished download would.
  if (redemption.ok) await releaseExportLease(redemption.ticket.lease);
  return redemption.ok ? redemption.ticket : null;
}

describe("export tickets", () => {
  async function ticketFor(sessionId: string, now = new Date()) {
    return issueExportTicket({ tx: db, kind: "csv", sessionId, userId: owner.user.id, orgId: owner.org.id, filters: {}, now });
  }

  it("redeem exactly once, only from the session that asked, only before expiry", async () => {
    const session = await createSession({ userId: owner.user.id, orgId: owner.org.id });
    const otherSession = await createSession({ userId: owner.user.id, orgId: owner.org.id });

    const token = await ticketFor(session.id);
    expect(await redeem({ token, sessionId: otherSession.id, now: new Date() })).toBeNull();
    const first = await redeem({ token, sessionId: session.id, now: new Date() });
    expect(first).toMatchObject({ kind: "csv", orgId: owner.org.id });
    expect(await redeem({ token, sessionId: session.id, now: new Date() })).toBeNull();

    const issuedAt = new Date();
    const late = await ticketFor(session.id, issuedAt);
    const oneSecondTooLate = new Date(issuedAt.getTime() + TICKET_TTL_SECONDS * 1000 + 1000);
    expect(await redeem({ token: late, sessionId: session.id, now: oneSecondTooLate })).toBeNull();
  });

  it("concurrent redemptions of one ticket: exactly one wins", async () => {
    const session = await createSession({ userId: owner.user.id, orgId: owner.org.id });
    const token = await ticketFor(session.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem({ token, sessionId: session.id, now: new Date() })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("a downgrade or a revoked session between issue and download refuses the download", async () => {
    const session = await createSession({ userId: owner.user.id, orgId: owner.org.id });
    const revoked = await createSession({ userId: owner.user.id, orgId: owner.org.id });
    const token = await ticketFor(session.id);
    const token2 = await ticketFor(revoked.id);
    await db.session.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect(await redeem({ token: token2, sessionId: revoked.id, now: new Date() })).toBeNull();

    const downgraded = await createUserWithOrg({ plan: "pro" });
    const s2 = await createSession({ userId: downgraded.user.id, orgId: downgraded.org.id });
    const t3 = await issueExportTicket({
      tx: db,
      kind: "csv",
      sessionId: s2.id,
      userId: downgraded.user.id,
      orgId: downgraded.org.id,
      filters: {},
      now: new Date(),
    });
    await db.subscription.update({ where: { orgId: downgraded.org.id }, data: { status: "canceled" } });
    expect(await redeem({ token: t3, sessionId: s2.id, now: new Date() })).toBeNull();
    // The untouched ticket still works.
    expect(await redeem({ token, sessionId: session.id, now: new Date() })).not.toBeNull();
  });

  it("rejects garbage tokens without a query", async () => {
    const session = await createSession({ userId: owner.user.id });
    for (const token of ["", "short", "'; select 1; --", "x".repeat(500)]) {
      expect(await redeem({ token, sessionId: session.id, now: new Date() })).toBeNull();
    }
  });
});

describe("streaming exports", () => {
  it("CSV: a header and exactly the filtered rows, with PII columns, only this org's", async () => {
    const filter = { status: "open" as const };
    const csv = await readAll(
      await copyToStream({ label: "test", buildSql: invoicesCsvCopy({ orgId: owner.org.id, filter, since: null }) }),
    );
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines.length - 1).toBe(await countMatchingInvoices({ tx: db, match: { orgId: owner.org.id, filter, since: null } }));
    expect(lines.slice(1).every((l) => l.split(",")[2] === "open")).toBe(true);
    // A distinctive open invoice in the other org must never leak into this export.
    const marker = await db.customer.create({
      data: { orgId: other.org.id, name: "Leak Marker", email: "leak-marker@other.example", phone: "0", company: "X", country: "US" },
    });
    await db.invoice.create({
      data: { orgId: other.org.id, customerId: marker.id, number: "INV-LEAK", amountCents: 1, status: "open", issuedAt: NOW },
    });
    const again = await readAll(
      await copyToStream({ label: "test", buildSql: invoicesCsvCopy({ orgId: owner.org.id, filter, since: null }) }),
    );
    expect(again).not.toContain("leak-marker@other.example");
    expect(again.trimEnd().split("\n")).toHaveLength(lines.length);
  });

  it("CSV: search text with quotes and SQL survives inlining as data", async () => {
    const filter = { q: `x' or '1'='1` };
    const csv = await readAll(
      await copyToStream({ label: "test", buildSql: invoicesCsvCopy({ orgId: owner.org.id, filter, since: null }) }),
    );
    expect(csv.trimEnd().split("\n")).toHaveLength(1); // header only
  });

  it("CSV: cells a spreadsheet would run as formulas are neutralised, phone numbers included", async () => {
    const org = await createUserWithOrg({ plan: "pro" });
    const evil = await db.customer.create({
      data: { orgId: org.org.id, name: '=HYPERLINK("http://x")', email: "@evil", phone: "+1-555-0100", company: "-cmd", country: "US" },
    });
    await db.invoice.create({
      data: { orgId: org.org.id, customerId: evil.id, number: "INV-1", amountCents: 100, status: "paid", issuedAt: NOW },
    });
    const csv = await readAll(
      await copyToStream({ label: "test", buildSql: invoicesCsvCopy({ orgId: org.org.id, filter: {}, since: null }) }),
    );
    const row = csv.trimEnd().split("\n")[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain(",'@evil,");
    expect(row).toContain(",'+1-555-0100,");
    expect(row).toContain(",'-cmd,");
  });

  it("bulk: every customer and invoice as one JSON object per line", async () => {
    const text = await readAll(await copyToStream({ label: "test", buildSql: bulkNdjsonCopy({ orgId: owner.org.id }) }));
    const records = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; email?: string });
    expect(records.filter((r) => r.type === "customer")).toHaveLength(750);
    expect(records.filter((r) => r.type === "invoice")).toHaveLength(3000);
  });

  it("a cancelled export releases its connection and leaves nothing behind", async () => {
    const pool = getPool();
    const stream = await copyToStream({ label: "test", buildSql: bulkNdjsonCopy({ orgId: owner.org.id }) });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    // The connection was destroyed, not returned mid-COPY: the pool keeps working.
    const { rows } = await pool.query("select 1 as ok");
    expect(rows[0].ok).toBe(1);
    // The server notices the closed socket on its next write; it must stop soon after.
    await vi.waitFor(
      async () => {
        const active = await pool.query("select count(*)::int as n from pg_stat_activity where query ilike 'copy (%' and state = 'active'");
        expect(active.rows[0].n).toBe(0);
      },
      { timeout: 5_000, interval: 50 },
    );
  });
});
