// Tenant latency under stalled export downloads: with 20 downloads open whose clients never
// read (a raw socket that sends the request and stops reading after the status line),
// another tenant's guarded request (GET /api/v1/license: session, guard transaction, audit)
// is timed against the same request with nothing else open, in the same run. Before exports
// had their own pool, per-user/org caps and a stall deadline, a pool's worth of such downloads
// froze every database-backed request. The stallers are spread over 5 orgs × 2 users so that the caps
// (2 per user, 4 per org by default) admit all of them; what the export pool cannot take
// waits on that pool, not on the app's. Tickets are inserted as the guarded action would
// issue them (see bench/exports.ts).
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { TICKET_TTL_SECONDS } from "@/lib/exports/export-tickets";
import { createBenchAccount, openBenchSession, type BenchAccount } from "./lib/accounts";
import { sampleSerial, summarize, type Summary } from "./lib/stats";

export type StalledExportsResult = {
  stalled: number;
  /** COPY statements running at the end of the timed window: the stalled downloads holding export connections. */
  copying: number;
  statuses: Record<string, number>;
  idle: Summary;
  underStall: Summary;
  ratioP50: number;
};

async function activeCopies() {
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`select count(*)::int as n from pg_stat_activity where query ilike 'copy (%' and state = 'active' and backend_type = 'client backend'`;
  return row?.n ?? 0;
}

const ORGS = 5;
const USERS_PER_ORG = 2;
const PER_USER = 2;

async function ticketFor({ userId, orgId, sid }: { userId: string; orgId: string; sid: string }) {
  const token = crypto.randomBytes(24).toString("base64url");
  const tokenHash = hashToken(token);
  const expiresAt = new Date(Date.now() + TICKET_TTL_SECONDS * 1000);
  await db.exportTicket.create({ data: { tokenHash, kind: "csv", sessionId: sid, userId, orgId, filters: {}, expiresAt } });
  return token;
}

/** Sends the download request, reads only the status line, then never reads again. */
function openStalled(baseUrl: string, path: string, cookie: string): Promise<{ socket: net.Socket; status: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\nConnection: keep-alive\r\n\r\n`);
    });
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      resolve({ socket, status: chunk.toString("latin1").split(" ")[1] ?? "?" });
    });
    socket.once("error", reject);
  });
}

function timedGet(agent: http.Agent, url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`tenant request answered HTTP ${res.statusCode}`))));
      })
      .on("error", reject);
  });
}

export async function benchStalledExports({
  baseUrl,
  secret,
  invoicesPerOrg,
  warmup,
  iterations,
}: {
  baseUrl: string;
  secret: string;
  /** Enough that one CSV outgrows the socket buffers, so an unread download really stalls. */
  invoicesPerOrg: number;
  warmup: number;
  iterations: number;
}): Promise<StalledExportsResult> {
  const tenant = await createBenchAccount({ label: "stall-tenant", plan: "pro" });
  const tenantSession = await openBenchSession({ account: tenant, secret });
  const stallers: { account: BenchAccount; orgId: string }[] = [];
  for (let o = 0; o < ORGS; o++) {
    const owner = await createBenchAccount({ label: `stall-org${o}`, plan: "pro", invoices: invoicesPerOrg });
    stallers.push({ account: owner, orgId: owner.orgId });
    for (let u = 1; u < USERS_PER_ORG; u++) {
      const member = await createBenchAccount({ label: `stall-org${o}-u${u}`, plan: "free" });
      await db.membership.create({ data: { orgId: owner.orgId, userId: member.userId, role: "member" } });
      stallers.push({ account: { ...member, orgId: owner.orgId }, orgId: owner.orgId });
    }
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const licenseUrl = `${baseUrl}/api/v1/license`;
  const tenantGet = () => timedGet(agent, licenseUrl, tenantSession.cookie);
  const idle = summarize(await sampleSerial(tenantGet, { warmup, iterations }));

  const requests: { path: string; cookie: string }[] = [];
  for (const { account, orgId } of stallers) {
    const session = await openBenchSession({ account, secret });
    for (let i = 0; i < PER_USER; i++) {
      requests.push({
        path: `/api/exports/download?ticket=${await ticketFor({ userId: account.userId, orgId, sid: session.sid })}`,
        cookie: session.cookie,
      });
    }
  }
  // All at once, and the tenant is timed while they are open: those the export pool cannot
  // take wait on it (and are answered 503 at its acquire timeout), the rest stream and stall.
  const opening = requests.map(({ path, cookie }) => openStalled(baseUrl, path, cookie));
  try {
    const underStall = summarize(await sampleSerial(tenantGet, { warmup, iterations }));
    const copying = await activeCopies();
    const statuses: Record<string, number> = {};
    for (const { status } of await Promise.all(opening)) statuses[status] = (statuses[status] ?? 0) + 1;
    return { stalled: requests.length, copying, statuses, idle, underStall, ratioP50: underStall.median / idle.median };
  } finally {
    for (const o of opening)
      void o.then(
        ({ socket }) => socket.destroy(),
        () => {},
      );
    agent.destroy();
  }
}
