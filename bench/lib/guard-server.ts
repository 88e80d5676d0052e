// The guard figure's server (a child process of the bench, so autocannon does not share
// its event loop): loopback endpoints running the same action body with and without the
// guard, after the same per-request session read (decode the next-auth JWT, load the
// session row). Two bodies, the app's own (lib/exports/start-csv-export.ts and
// lib/reports/load-report.ts: the "use server" declarations around them need a Next request):
//   csv-export — startCsvExport: count the org's invoices, issue a single-use export ticket
//                (two statements: the cheapest guarded action there is);
//   report     — loadReport: headline figures + one sorted page of the invoice table.
//   GET /guarded/<body>   → runGuarded(<its action id>): one transaction with the decision
//                           (license + grant FOR SHARE), body, audit event, and for the
//                           server action the idempotency claim and stored result — the
//                           production pipeline, called as the app calls each body.
//   GET /unguarded/<body> → the body in a plain transaction.
import "./bench-env";
import crypto from "node:crypto";
import http from "node:http";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runGuarded, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import { getLicense } from "@/lib/licensing/get-license";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import { loadReport } from "@/lib/reports/load-report";
import { ZInvoiceFilterSchema, ZInvoiceQuerySchema } from "@/lib/reports/schemas";
import type { ActionId, Role } from "@/lib/licensing/policy";
import type { z } from "zod";
import { sessionContext, type SessionContext } from "@/lib/guard/context";
import { loadSession } from "@/lib/auth/load-session";

const licenseOnce = new Map<string, ReturnType<typeof getLicense>>();
const COOKIE = /(?:^|;\s*)next-auth\.session-token=([^;]+)/;

async function contextFrom(req: http.IncomingMessage): Promise<{ ctx: SessionContext; role: Role } | null> {
  const jwt = req.headers.cookie?.match(COOKIE)?.[1];
  if (!jwt) return null;
  const token = await decode({ token: jwt, secret: env().NEXTAUTH_SECRET });
  const sid = typeof token?.sid === "string" ? token.sid : null;
  // The app's own per-request read (getCurrentSession = this after the JWT).
  const session = sid ? await loadSession(sid) : null;
  return session ? { ctx: sessionContext(session), role: session.role } : null;
}

type BenchAction<S extends z.ZodType> = {
  actionId: ActionId;
  schema: S;
  /**
   * Called the way the app calls it: a server action (guardedAction) with the idempotency
   * key the browser's action client always sends, or a page's guarded read (guardedRead,
   * app/(app)/reports/reads.ts), which takes none.
   */
  keyed: boolean;
  body: (args: GuardedBodyArgs<z.output<S>, SessionContext>) => Promise<unknown>;
};
const bench = <S extends z.ZodType>(action: BenchAction<S>) => action;
const BODIES: Record<string, BenchAction<z.ZodType>> = {
  "csv-export": bench({ actionId: "exports.csv", schema: ZInvoiceFilterSchema, keyed: true, body: startCsvExport }),
  report: bench({ actionId: "reports.view", schema: ZInvoiceQuerySchema, keyed: false, body: loadReport }),
};

async function handle(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  const caller = await contextFrom(req);
  if (!caller) return { status: 401, body: { error: "unauthenticated" } };
  const [, side, name] = req.url?.split("/") ?? [];
  const action = name ? BODIES[name] : undefined;
  if (!action) return { status: 404, body: { error: "not_found" } };
  const { ctx, role } = caller;
  if (side === "guarded") {
    const result = await runGuarded({
      actionId: action.actionId,
      ctx,
      schema: action.schema,
      rawInput: {},
      idempotencyKey: action.keyed ? crypto.randomUUID() : null,
      body: action.body,
    });
    return result.ok ? { status: 200, body: result.data } : { status: 403, body: result.error };
  }
  if (side === "unguarded") {
    // The bodies need the plan's history window; the baseline reads it once per org and
    // keeps it, so no authorization read at all is left on the unguarded path.
    const now = new Date();
    const license = await (licenseOnce.get(ctx.orgId) ?? licenseOnce.set(ctx.orgId, getLicense({ orgId: ctx.orgId, now })).get(ctx.orgId)!);
    const input = action.schema.parse({});
    const data = await db.$transaction((tx) => action.body({ input, ctx, tx, license, role, now }), { timeout: 60_000, maxWait: 10_000 });
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
