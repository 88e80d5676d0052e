// What the guard costs where users feel it: through the production server (`next start`
// behind scripts/serve.ts, the build the bench made), a real guarded server action and a
// real guarded API route, each against its unguarded twin in the same build (bench/twins/,
// compiled only into a bench build: bench/README.md). Same session cookie, same body, same
// session read on both sides; only the guard differs.
//
//   action: POST /bench-twins with `Next-Action: <id>` — the Reports page's Export CSV
//           (startCsvExport, guardedAction "exports.csv") vs bench/twins/twin-actions.ts.
//           Both ids come from the build's server-reference-manifest.json and both are
//           served by the same page worker; the body is what React's encodeReply sends for
//           the call `{ input: {}, idempotencyKey }` (a JSON array as text/plain), with a
//           fresh key per request as the browser's action client sends.
//   route:  GET /api/v1/license (guardRoute "license.view") vs GET /api/bench-twins/license.
//
// A server action answers 200 whatever it returned, so each load run is bracketed by one
// checked call per side: the action must answer `"ok":true` (a lapsed grant would otherwise
// measure the refusal path).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runLoad } from "./lib/load";
import { alternateRounds, type Side, type TwinResult } from "./lib/twin-rounds";
import { cpuMeter, type CpuPerRequest } from "./lib/cpu";

export type Endpoint = "action" | "route";
/** Per endpoint and connection count: the twin figures and each side's CPU per request (next start + Postgres). */
export type GuardNextResult = Record<Endpoint, Record<number, TwinResult & { cpu: Record<Side, CpuPerRequest> }>>;

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

const ACTIONS: Record<Side, { filename: string; exportedName: string }> = {
  guarded: { filename: "app/(app)/reports/actions.ts", exportedName: "startCsvExport" },
  unguarded: { filename: "bench/twins/twin-actions.ts", exportedName: "unguardedStartCsvExport" },
};
const TWIN_PAGE = "/bench-twins";
const TWIN_WORKER = "app/bench-twins/page";

/** The action ids of both sides, from the build (each build encrypts them anew). */
export function actionIds(distDir: string): Record<Side, string> {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const find = (side: Side) => {
    const want = ACTIONS[side];
    const hit = Object.entries(manifest.node).find(([, a]) => a.filename === want.filename && a.exportedName === want.exportedName);
    if (!hit)
      throw new Error(`${want.filename}#${want.exportedName} is not in ${file}: was the bench build made with TIERGATE_BENCH_TWINS=1?`);
    if (!(TWIN_WORKER in hit[1].workers)) throw new Error(`${want.exportedName} is not served by ${TWIN_WORKER}`);
    return hit[0];
  };
  return { guarded: find("guarded"), unguarded: find("unguarded") };
}

type Request = { url: string; method: "GET" | "POST"; headers: Record<string, string>; body?: () => string };

function requests({
  baseUrl,
  cookie,
  distDir,
}: {
  baseUrl: string;
  cookie: string;
  distDir: string;
}): Record<Endpoint, Record<Side, Request>> {
  const ids = actionIds(distDir);
  const action = (side: Side): Request => ({
    url: `${baseUrl}${TWIN_PAGE}`,
    method: "POST",
    headers: {
      cookie,
      "next-action": ids[side],
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      // Next refuses an action whose Origin is not the Host (CSRF); a browser sends it.
      origin: baseUrl,
    },
    body: () => JSON.stringify([{ input: {}, idempotencyKey: crypto.randomUUID() }]),
  });
  const route = (p: string): Request => ({ url: `${baseUrl}${p}`, method: "GET", headers: { cookie } });
  return {
    action: { guarded: action("guarded"), unguarded: action("unguarded") },
    route: { guarded: route("/api/v1/license"), unguarded: route("/api/bench-twins/license") },
  };
}

/** One call, checked: 200, and for an action an ok result (a refusal is a 200 too). */
async function checkedCall(endpoint: Endpoint, side: Side, req: Request) {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body?.(), redirect: "manual" });
  const text = await res.text();
  const answered = res.status === 200 && (endpoint === "route" ? text.includes('"plan"') : text.includes('"ok":true'));
  if (!answered) throw new Error(`${endpoint} ${side} answered ${res.status}: ${text.slice(0, 300)}`);
}

export async function benchGuardNext({
  baseUrl,
  distDir,
  cookie,
  serverPid,
  connections,
  seconds,
  warmupSeconds,
  rounds,
}: {
  baseUrl: string;
  /** The next start process (its CPU is the server side of the split). */
  serverPid: number;
  /** The bench build's dist dir (its manifest names the action ids). */
  distDir: string;
  /** A pro member's session cookie whose session holds a fresh exports.csv grant. */
  cookie: string;
  connections: number[];
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}): Promise<GuardNextResult> {
  const all = requests({ baseUrl, cookie, distDir });
  const result = { action: {}, route: {} } as GuardNextResult;
  for (const endpoint of ["action", "route"] as const) {
    for (const side of ["guarded", "unguarded"] as const) await checkedCall(endpoint, side, all[endpoint][side]);
    for (const c of connections) {
      const cpu = cpuMeter<Side>(serverPid);
      const twin = await alternateRounds({
        connections: c,
        seconds,
        warmupSeconds,
        rounds,
        load: async (side, s) => {
          const req = all[endpoint][side];
          const run = await cpu.measure(side, s === seconds, () =>
            runLoad({ url: req.url, method: req.method, headers: req.headers, body: req.body, connections: c, seconds: s }),
          );
          if (run.failures > 0) throw new Error(`${endpoint} ${side}: ${run.failures} non-2xx responses or errors`);
          await checkedCall(endpoint, side, req);
          return run;
        },
      });
      result[endpoint][c] = { ...twin, cpu: { guarded: cpu.perRequest("guarded"), unguarded: cpu.perRequest("unguarded") } };
    }
  }
  return result;
}
