// The guard figure's server (a child process of the bench, so autocannon does not share
// its event loop): two loopback endpoints running the same action body — what
// startCsvExport does: count the org's invoices and issue a single-use export ticket —
// after the same per-request session read (decode the next-auth JWT, load the session row).
//   GET /guarded   → runGuarded("exports.csv"): authorize, then one transaction with the
//                    idempotency claim, authorize again with license + grant FOR SHARE,
//                    body, stored result, audit event — the production pipeline.
//   GET /unguarded → the body in a plain transaction.
// The body is copied from app/(app)/reports/actions.ts (a "use server" module whose
// action wrapper needs a Next request): two lines, kept in step by the bench README.
import "./bench-env";
import crypto from "node:crypto";
import http from "node:http";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runGuarded, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import { getLicense } from "@/lib/licensing/get-license";
import { historyStart } from "@/lib/reports/history-window";
import { countInvoices } from "@/lib/exports/export-queries";
import { issueExportTicket } from "@/lib/exports/export-tickets";
import { ZInvoiceFilterSchema, type InvoiceFilter } from "@/lib/reports/schemas";
import type { GuardContext } from "@/lib/guard/context";

const licenseOnce = new Map<string, ReturnType<typeof getLicense>>();
const COOKIE = /(?:^|;\s*)next-auth\.session-token=([^;]+)/;

async function contextFrom(req: http.IncomingMessage): Promise<GuardContext | null> {
  const jwt = req.headers.cookie?.match(COOKIE)?.[1];
  if (!jwt) return null;
  const token = await decode({ token: jwt, secret: env().NEXTAUTH_SECRET });
  const sid = typeof token?.sid === "string" ? token.sid : null;
  return sid ? loadSessionContext(sid) : null;
}

/**
 * The per-request session read of lib/auth/current-session.ts (loadSession): the session
 * row with the user's memberships, revoked → nobody, current org re-checked against
 * membership. Mirrored here because that module now imports next/navigation (for
 * requireSession's redirect), which only loads inside Next's bundler, not in plain Node.
 */
async function loadSessionContext(sid: string): Promise<GuardContext | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sid)) return null;
  const row = await db.session.findUnique({
    where: { id: sid },
    select: {
      id: true,
      revokedAt: true,
      lastSeenAt: true,
      currentOrgId: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: { select: { role: true, org: { select: { id: true, name: true, slug: true, personal: true } } }, orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  if (!row || row.revokedAt) return null;
  const current = row.user.memberships.find((m) => m.org.id === row.currentOrgId) ?? row.user.memberships.find((m) => m.org.personal) ?? row.user.memberships[0];
  if (!current) return null;
  return { kind: "session", sid: row.id, userId: row.user.id, email: row.user.email, orgId: current.org.id };
}

async function csvExportBody({ input, ctx, tx, license, now }: GuardedBodyArgs<InvoiceFilter>) {
  if (ctx.kind !== "session") throw new Error("session only");
  const since = historyStart({ license, now });
  const rows = await countInvoices({ tx, orgId: ctx.orgId, filter: input, since });
  const ticket = await issueExportTicket({ tx, kind: "csv", sessionId: ctx.sid, userId: ctx.userId, orgId: ctx.orgId, filters: input, now });
  return { url: `/api/exports/download?ticket=${ticket}`, rows };
}

async function handle(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  const ctx = await contextFrom(req);
  if (!ctx) return { status: 401, body: { error: "unauthenticated" } };
  if (req.url === "/guarded") {
    const result = await runGuarded({
      actionId: "exports.csv",
      ctx,
      schema: ZInvoiceFilterSchema,
      rawInput: {},
      idempotencyKey: crypto.randomUUID(), // the browser's action client always sends one
      body: csvExportBody,
    });
    return result.ok ? { status: 200, body: result.data } : { status: 403, body: result.error };
  }
  if (req.url === "/unguarded") {
    // The body needs the plan's history window; the baseline reads it once per org and
    // keeps it, so no authorization read at all is left on the unguarded path.
    const now = new Date();
    const license = await (licenseOnce.get(ctx.orgId) ?? licenseOnce.set(ctx.orgId, getLicense({ orgId: ctx.orgId, now })).get(ctx.orgId)!);
    const data = await db.$transaction((tx) => csvExportBody({ input: ZInvoiceFilterSchema.parse({}), ctx, tx, license, now }), { timeout: 60_000, maxWait: 10_000 });
    return { status: 200, body: data };
  }
  return { status: 404, body: { error: "not_found" } };
}

const port = Number(process.argv[2]);
const server = http.createServer((req, res) => {
  handle(req)
    .then(({ status, body }) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    })
    .catch((err: unknown) => {
      process.stderr.write(`[guard-server] ${err instanceof Error ? err.stack : String(err)}\n`);
      res.writeHead(500).end();
    });
});
server.listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
