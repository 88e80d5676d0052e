// What the guard's decide statement costs in the client: the same guard_decide() call
// through Prisma (tx.$queryRaw in an interactive transaction, as runGuarded sends it, row
// mapper included) and on a bare node-postgres client (an unnamed statement, as
// PgBouncer's transaction mode needs), one call after another in one open transaction per
// side, rolled back. The node-postgres side replays exactly the text and values Prisma
// sent (captured from the driver underneath Prisma), so both send the same statement; it
// skips the row mapper (pure JS over one row). Per call: wall time and this process's
// CPU time (user + system), the part a busy server pays for on every guarded request.
// Beside them, a bare `SELECT 1` round trip on the same client: sending the stored-result +
// audit statement together with COMMIT (pipelined) would save at most one such round trip.
import pg from "pg";
import { db, pool } from "@/lib/db/client";
import { callGuardDecide, type GuardDecideInput } from "@/lib/guard/guard-sql";
import { sessionCutoffs } from "@/lib/auth/session-lifetime";
import { grantModeOf } from "@/lib/guard/decide";
import { ACTIONS } from "@/lib/licensing/policy";
import type { SessionContext } from "@/lib/guard/context";
import { summarize, type Summary } from "./lib/stats";

export type ClientSide = { wall: Summary; cpuUsPerCall: number };
export type DecideClientResult = {
  iterations: number;
  prisma: ClientSide;
  pg: ClientSide;
  /** A bare `SELECT 1` on the same node-postgres client: the most that sending a statement together with COMMIT could save. */
  roundTrip: ClientSide;
  cpuRatio: number;
  wallRatio: number;
};

type Captured = { text: string; values: unknown[] };

function decideInput(ctx: SessionContext): GuardDecideInput {
  const now = new Date();
  const { mode, maxAge } = grantModeOf("exports.csv");
  return {
    holder: { orgId: ctx.orgId, userId: ctx.userId, sessionId: ctx.sid, apiKeyId: null },
    cutoffs: sessionCutoffs(now),
    actionId: "exports.csv",
    claim: null,
    claimExpiresAt: now,
    now,
    grantMode: mode,
    grantMaxAge: maxAge,
    tightenable: ACTIONS["exports.csv"].tightenable,
  };
}

/** Runs `call` `warmup + iterations` times; per-call wall times and mean CPU µs of the timed ones. */
async function sample(call: () => Promise<unknown>, warmup: number, iterations: number): Promise<ClientSide> {
  for (let i = 0; i < warmup; i++) await call();
  const walls: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await call();
    walls.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  return { wall: summarize(walls), cpuUsPerCall: (used.user + used.system) / iterations };
}

/** The statement as Prisma hands it to node-postgres (text with $n, serialised values). */
async function captureDecide(input: GuardDecideInput): Promise<Captured> {
  const original = pg.Client.prototype.query;
  let captured: Captured | null = null;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    if (typeof config === "object" && config?.text?.includes("guard_decide("))
      captured = { text: config.text, values: config.values ?? [] };
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await db.$transaction((tx) => callGuardDecide({ tx, ...input }));
  } finally {
    pg.Client.prototype.query = original;
  }
  if (!captured) throw new Error("did not see Prisma send guard_decide()");
  return captured;
}

export async function benchDecideClient({
  ctx,
  warmup,
  iterations,
}: {
  ctx: SessionContext;
  warmup: number;
  iterations: number;
}): Promise<DecideClientResult> {
  const input = decideInput(ctx);
  const statement = await captureDecide(input);

  const prisma = await db.$transaction(
    async (tx) => {
      const side = await sample(() => callGuardDecide({ tx, ...input }), warmup, iterations);
      return side;
    },
    { timeout: 600_000 },
  );

  const client = await pool.connect();
  let bare: ClientSide;
  let roundTrip: ClientSide;
  try {
    await client.query("BEGIN");
    bare = await sample(() => client.query(statement.text, statement.values), warmup, iterations);
    roundTrip = await sample(() => client.query("SELECT 1"), warmup, iterations);
    await client.query("ROLLBACK");
  } finally {
    client.release();
  }
  return {
    iterations,
    prisma,
    pg: bare,
    roundTrip,
    cpuRatio: prisma.cpuUsPerCall / bare.cpuUsPerCall,
    wallRatio: prisma.wall.median / bare.wall.median,
  };
}
