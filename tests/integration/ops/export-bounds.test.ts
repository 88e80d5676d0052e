// Faults: exports starving the app. Downloads stream on their own pool, at most
// EXPORT_MAX_PER_USER per user and EXPORT_MAX_PER_ORG per org run at once (counted in
// Postgres, so across instances), and a client that stops reading is cut off after
// EXPORT_STALL_SECONDS with its connection freed.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.EXPORT_POOL_SIZE = "8";
  process.env.EXPORT_MAX_PER_USER = "2";
  process.env.EXPORT_MAX_PER_ORG = "3";
  process.env.EXPORT_STALL_SECONDS = "1";
});
const current = vi.hoisted(() => ({ session: null as import("@/lib/auth/load-session").CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));

import { db, getExportPool, getPool } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/demo-data";
import { issueExportTicket } from "@/lib/exports/export-tickets";
import { EXPORT_RETRY_AFTER_SECONDS } from "@/lib/exports/export-leases";
import type { Role } from "@/lib/licensing/policy";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { currentSessionOf } from "./helpers";

const download = await import("@/app/api/exports/download/route");

let org: Awaited<ReturnType<typeof createUserWithOrg>>["org"];
beforeAll(async () => {
  ({ org } = await createUserWithOrg({ plan: "enterprise" }));
  // Well over one 64 KB chunk, so a download that is not read stays open.
  await seedDemoData({ db, orgId: org.id, invoices: 3000, now: new Date() });
});

type Person = { user: { id: string; email: string; name: string }; sessionId: string; role: Role };
async function admin(): Promise<Person> {
  const user = await addMember({ orgId: org.id, role: "admin" });
  const session = await createSession({ userId: user.id, orgId: org.id });
  return { user, sessionId: session.id, role: "admin" };
}

/** Issues a bulk ticket for `who` and requests the download as them (the body is not read). */
async function startDownload(who: Person) {
  const token = await issueExportTicket({
    tx: db,
    kind: "bulk",
    sessionId: who.sessionId,
    userId: who.user.id,
    orgId: org.id,
    filters: {},
    now: new Date(),
  });
  return retry(who, token);
}
async function retry(who: Person, token: string) {
  current.session = currentSessionOf({ sessionId: who.sessionId, user: who.user, org, role: who.role });
  return { token, res: await download.GET(new Request(`http://localhost:3000/api/exports/download?ticket=${token}`)) };
}
const leases = () => db.exportLease.count({ where: { orgId: org.id } });

describe("fault: one user or one org opens many exports at once", () => {
  it("past 2 per user the download is refused 429 with Retry-After; the same link works once one finishes", async () => {
    const alice = await admin();
    const first = await startDownload(alice);
    const second = await startDownload(alice);
    expect([first.res.status, second.res.status]).toEqual([200, 200]);

    const third = await startDownload(alice);
    expect(third.res.status).toBe(429);
    expect(third.res.headers.get("retry-after")).toBe(String(EXPORT_RETRY_AFTER_SECONDS));
    expect((await third.res.json()).error_description).toMatch(/already have 2 exports downloading/);

    await first.res.body!.cancel();
    await vi.waitFor(async () => expect(await leases()).toBe(1));
    const again = await retry(alice, third.token);
    expect(again.res.status).toBe(200);
    await Promise.all([second.res.body!.cancel(), again.res.body!.cancel()]);
    await vi.waitFor(async () => expect(await leases()).toBe(0));
  });

  it("past 3 per org the download is refused 429 whoever asks, and the refusal writes nothing", async () => {
    const people = await Promise.all([admin(), admin(), admin(), admin()]);
    const open = [await startDownload(people[0]!), await startDownload(people[1]!), await startDownload(people[2]!)];
    expect(open.map((d) => d.res.status)).toEqual([200, 200, 200]);
    const fourth = await startDownload(people[3]!);
    expect(fourth.res.status).toBe(429);
    expect((await fourth.res.json()).error_description).toMatch(/organisation already has 3 exports/);
    expect(await leases()).toBe(3);
    // The refused ticket was not spent.
    expect(await db.exportTicket.count({ where: { userId: people[3]!.user.id, redeemedAt: { not: null } } })).toBe(0);
    await Promise.all(open.map((d) => d.res.body!.cancel()));
    await vi.waitFor(async () => expect(await leases()).toBe(0));
  });
});

describe("fault: stalled export downloads (clients that connect and never read)", () => {
  it("a download nobody reads is ended after EXPORT_STALL_SECONDS: its connection and lease are freed", async () => {
    const bob = await admin();
    const stalled = await startDownload(bob);
    expect(stalled.res.status).toBe(200);
    expect(await leases()).toBe(1);
    const copying = async () =>
      (
        await getPool().query(`select count(*)::int as n from pg_stat_activity where query ilike 'copy (%' and query like $1`, [
          `%${org.id}%`,
        ])
      ).rows[0].n;
    expect(await copying()).toBe(1);

    await vi.waitFor(
      async () => {
        expect(await leases()).toBe(0);
        expect(await copying()).toBe(0);
      },
      { timeout: 4_000, interval: 100 },
    );
    // The client that comes back finds the stream ended, not hanging.
    await expect(new Response(stalled.res.body).text()).rejects.toThrow();
  });

  it("downloads use the exports' own pool, never the app's", async () => {
    const carol = await admin();
    const before = getPool().totalCount;
    const open = await startDownload(carol);
    expect(getExportPool().totalCount).toBeGreaterThanOrEqual(1);
    const inUse = getExportPool().totalCount - getExportPool().idleCount;
    expect(inUse).toBe(1);
    expect(getPool().totalCount - getPool().idleCount).toBe(0);
    expect(getPool().totalCount).toBeLessThanOrEqual(Math.max(before, 1) + 1);
    await open.res.body!.cancel();
  });
});
