// What the guard costs.
//  1. benchGuardHttp: the same action body (startCsvExport's or loadReport's) guarded vs unguarded, over
//     loopback HTTP with autocannon at 32 connections, the session holding a valid grant
//     (a real WebAuthn step-up through lib/step-up). Rounds alternate which side goes
//     first so drift on a shared machine hits both; figures are medians over rounds.
//  2. benchGuardDecision: authorize() alone, and the whole guarded pipeline with an empty
//     body (decision + transaction + idempotency + audit write), one call after another,
//     with 10³ and then 10⁶ rows in Session, StepUpGrant and AuditEvent.
import { spawn } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import crypto from "node:crypto";
import { authorize } from "@/lib/guard/authorize";
import { runGuarded } from "@/lib/guard/run-guarded";
import type { GuardContext } from "@/lib/guard/context";
import { benchPort } from "./lib/app-server";
import { waitForExit } from "./lib/processes";
import { runLoad } from "./lib/load";
import { alternateRounds, type Side, type TwinResult } from "./lib/twin-rounds";
import { fillSecurityTables } from "./lib/security-table-fill";
import { sampleSerial, summarize, type Summary } from "./lib/stats";
import { cpuMeter, type CpuPerRequest } from "./lib/cpu";

export type GuardHttpResult = TwinResult & { cpu: Record<Side, CpuPerRequest> };

function startGuardServer({ port, env }: { port: number; env: Record<string, string> }) {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the guard server, written when it stops.
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      "--import",
      "tsx",
      "--conditions=react-server",
      path.join("bench", "lib", "guard-server.ts"),
      String(port),
    ],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("guard server did not start within 60 s")), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`guard server exited with ${code}`)));
  });
  return {
    ready,
    pid: child.pid ?? 0,
    async stop() {
      child.kill("SIGTERM");
      if ((await waitForExit(child, 10_000)) === null) child.kill("SIGKILL");
    },
  };
}

export async function benchGuardHttp({
  body,
  env,
  cookie,
  connections = 32,
  seconds,
  warmupSeconds,
  rounds,
}: {
  /** Which action body (bench/lib/guard-server.ts): "csv-export" or "report". */
  body: "csv-export" | "report";
  /** DATABASE_URL, NEXTAUTH_SECRET, STRIPE_WEBHOOK_SECRET, APP_URL of the bench app. */
  env: Record<string, string>;
  /** Session cookie of a member whose session holds a valid exports.csv grant. */
  cookie: string;
  connections?: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}): Promise<GuardHttpResult> {
  const port = await benchPort();
  const server = startGuardServer({ port, env });
  // Warm-up runs are not counted: the rounds are those of `seconds` length.
  const cpu = cpuMeter<Side>(server.pid);
  try {
    await server.ready;
    const twin = await alternateRounds({
      connections,
      seconds,
      warmupSeconds,
      rounds,
      load: async (side, s) => {
        const result = await cpu.measure(side, s === seconds, () =>
          runLoad({ url: `http://127.0.0.1:${port}/${side}/${body}`, connections, seconds: s, headers: { cookie } }),
        );
        if (result.failures > 0) throw new Error(`${side}: ${result.failures} non-2xx responses or errors (is the grant valid?)`);
        return result;
      },
    });
    return { ...twin, cpu: { guarded: cpu.perRequest("guarded"), unguarded: cpu.perRequest("unguarded") } };
  } finally {
    await server.stop();
  }
}

export type GuardDecisionSize = { rows: Record<string, number>; authorize: Summary; pipeline: Summary };
export type GuardDecisionResult = { small: GuardDecisionSize; large: GuardDecisionSize; authorizeRatio: number; pipelineRatio: number };

export async function benchGuardDecision({
  ctx,
  sizes,
  warmup,
  iterations,
}: {
  ctx: GuardContext;
  sizes: [number, number];
  warmup: number;
  iterations: number;
}): Promise<GuardDecisionResult> {
  const decideOnce = async () => {
    const decision = await authorize({ actionId: "exports.csv", ctx, now: new Date() });
    if (!decision.ok) throw new Error(`guard refused: ${decision.refusal.kind}`);
  };
  const pipelineOnce = async () => {
    const result = await runGuarded({
      actionId: "exports.csv",
      ctx,
      schema: z.object({}),
      rawInput: {},
      idempotencyKey: crypto.randomUUID(),
      body: async () => null,
    });
    if (!result.ok) throw new Error(`guarded pipeline refused: ${result.error.kind}`);
  };
  const measure = async (rows: number): Promise<GuardDecisionSize> => {
    const counts = await fillSecurityTables({ rows, measuredOrgId: ctx.orgId });
    return {
      rows: counts,
      authorize: summarize(await sampleSerial(decideOnce, { warmup, iterations })),
      pipeline: summarize(await sampleSerial(pipelineOnce, { warmup, iterations })),
    };
  };
  const small = await measure(sizes[0]);
  const large = await measure(sizes[1]);
  return {
    small,
    large,
    authorizeRatio: large.authorize.median / small.authorize.median,
    pipelineRatio: large.pipeline.median / small.pipeline.median,
  };
}
