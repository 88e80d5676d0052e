// CSV export through the production server's real streaming route, GET
// /api/exports/download?ticket=…: session cookie check, single-use ticket redemption with
// the license re-check, then COPY … TO STDOUT streamed with backpressure. The ticket is the
// one thing made outside the browser flow: instead of calling the guarded server action
// (startCsvExport, which needs a browser and a passkey), the bench inserts the ExportTicket
// row it would have issued (sha256 of a random token, bound to a session we open) — the
// route cannot tell the difference. Memory is the VmRSS of the `next start` process,
// sampled every 50 ms from /proc while the download runs.
import crypto from "node:crypto";
import http from "node:http";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { invoicesCsvCopy } from "@/lib/exports/exports-sql";
import { TICKET_TTL_SECONDS } from "@/lib/exports/export-tickets";
import { openBenchSession, type BenchAccount } from "./lib/accounts";
import { sampleRss } from "./lib/processes";
import { type Summary, summarize } from "./lib/stats";

export type ExportRun = {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssGrowthMb: number;
  /** Growth while the second half of the rows streamed: ~0 when memory does not depend on row count. */
  rssGrowthSecondHalfMb: number;
  rssPeakMb: number;
};
export type ExportSize = {
  rows: number;
  runs: ExportRun[];
  rowsPerSecond: Summary;
  rssGrowthMb: Summary;
  copyDirectRowsPerSecond: Summary;
};
export type ExportResult = { small: ExportSize; large: ExportSize; memoryRatio: number };

const MB = 1024 * 1024;

async function issueTicket({ account, sid }: { account: BenchAccount; sid: string }) {
  const token = crypto.randomBytes(24).toString("base64url");
  await db.exportTicket.create({
    data: {
      tokenHash: hashToken(token),
      kind: "csv",
      sessionId: sid,
      userId: account.userId,
      orgId: account.orgId,
      filters: {},
      expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000),
    },
  });
  return token;
}

/** Downloads with node:http (cheaper than fetch, so the client steals less of the 2 cores). */
function download(url: string, cookie: string, halfway: { lines: number; reached: () => void }): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`export answered HTTP ${res.statusCode}`));
        return;
      }
      let bytes = 0;
      let lines = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        const before = lines;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (before < halfway.lines && lines >= halfway.lines) halfway.reached();
      });
      res.on("end", () => resolve({ bytes, lines }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function exportOnce({
  baseUrl,
  account,
  secret,
  nextPid,
  expectedRows,
}: {
  baseUrl: string;
  account: BenchAccount;
  secret: string;
  nextPid: number;
  expectedRows: number;
}): Promise<ExportRun> {
  const { sid, cookie } = await openBenchSession({ account, secret });
  const token = await issueTicket({ account, sid });
  const rss = sampleRss(nextPid, 50);
  const started = performance.now();
  const { bytes, lines } = await download(`${baseUrl}/api/exports/download?ticket=${token}`, cookie, {
    lines: Math.floor(expectedRows / 2),
    reached: () => rss.mark(),
  });
  const seconds = (performance.now() - started) / 1000;
  const memory = rss.stop();
  const rows = lines - 1; // header line
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssGrowthMb: memory.growth / MB,
    rssGrowthSecondHalfMb: (memory.growthAfterMark ?? memory.growth) / MB,
    rssPeakMb: memory.peak / MB,
  };
}

/**
 * Baseline: the route's own SQL (invoicesCsvCopy, no history limit as on the pro plan)
 * through pg-copy-streams straight into this process — Postgres' COPY speed with no
 * Next, no web stream, no HTTP. The gap to the route is what the serving path costs.
 */
async function copyDirect({ databaseUrl, orgId }: { databaseUrl: string; orgId: string }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sql = invoicesCsvCopy({ orgId, filter: {}, since: null })((v) => client.escapeLiteral(v));
    const started = performance.now();
    let lines = 0;
    for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    return (lines - 1) / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}

async function exportSize(args: {
  databaseUrl: string;
  baseUrl: string;
  account: BenchAccount;
  secret: string;
  nextPid: number;
  expectedRows: number;
  runs: number;
}): Promise<ExportSize> {
  const runs: ExportRun[] = [];
  const direct: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    const run = await exportOnce(args);
    if (run.rows !== args.expectedRows) throw new Error(`export returned ${run.rows} rows, expected ${args.expectedRows}`);
    runs.push(run);
    direct.push(await copyDirect({ databaseUrl: args.databaseUrl, orgId: args.account.orgId }));
  }
  return {
    rows: args.expectedRows,
    runs,
    rowsPerSecond: summarize(runs.map((r) => r.rowsPerSecond)),
    rssGrowthMb: summarize(runs.map((r) => r.rssGrowthMb)),
    copyDirectRowsPerSecond: summarize(direct),
  };
}

export async function benchExports({
  databaseUrl,
  baseUrl,
  secret,
  nextPid,
  small,
  large,
  runs,
}: {
  databaseUrl: string;
  baseUrl: string;
  secret: string;
  nextPid: number;
  small: { account: BenchAccount; rows: number };
  large: { account: BenchAccount; rows: number };
  runs: number;
}): Promise<ExportResult> {
  // Warm-up: one small export (route compiled into memory, pool connections open).
  await exportOnce({ baseUrl, account: small.account, secret, nextPid, expectedRows: small.rows });
  const smallResult = await exportSize({ databaseUrl, baseUrl, secret, nextPid, account: small.account, expectedRows: small.rows, runs });
  const largeResult = await exportSize({ databaseUrl, baseUrl, secret, nextPid, account: large.account, expectedRows: large.rows, runs });
  // Worst run against worst run; a floor of 1 MB keeps a near-zero small figure from
  // turning noise into a huge ratio.
  const memoryRatio = largeResult.rssGrowthMb.max / Math.max(1, smallResult.rssGrowthMb.max);
  return { small: smallResult, large: largeResult, memoryRatio };
}
