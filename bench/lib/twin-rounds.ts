// Guarded vs unguarded, measured the same way wherever the pair is served (the bench's own
// guard server, or the production server): both warmed up, then rounds that alternate which
// side goes first so drift on a shared machine hits both; figures are medians over rounds,
// ratios guarded / unguarded.
import type { LoadResult } from "./load";
import { median } from "./stats";

export type Side = "guarded" | "unguarded";
export type SideFigures = { p50: number; p99: number; p50Range: [number, number]; p99Range: [number, number]; rps: number };
export type TwinResult = {
  connections: number;
  seconds: number;
  rounds: { guarded: LoadResult; unguarded: LoadResult }[];
  guarded: SideFigures;
  unguarded: SideFigures;
  ratioP50: number;
  ratioP99: number;
};

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

export async function alternateRounds({
  load,
  connections,
  seconds,
  warmupSeconds,
  rounds,
}: {
  /** One load run of `side` for `seconds`; throws when a response was not the expected answer. */
  load: (side: Side, seconds: number) => Promise<LoadResult>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}): Promise<TwinResult> {
  await load("guarded", warmupSeconds);
  await load("unguarded", warmupSeconds);
  const results: { guarded: LoadResult; unguarded: LoadResult }[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      const guarded = await load("guarded", seconds);
      results.push({ guarded, unguarded: await load("unguarded", seconds) });
    } else {
      const unguarded = await load("unguarded", seconds);
      results.push({ guarded: await load("guarded", seconds), unguarded });
    }
  }
  const side = (key: Side): SideFigures => {
    const p50s = results.map((r) => r[key].latency.median);
    const p99s = results.map((r) => r[key].latency.p99);
    return {
      p50: median(p50s),
      p99: median(p99s),
      p50Range: range(p50s),
      p99Range: range(p99s),
      rps: median(results.map((r) => r[key].rps)),
    };
  };
  const guarded = side("guarded");
  const unguarded = side("unguarded");
  return {
    connections,
    seconds,
    rounds: results,
    guarded,
    unguarded,
    ratioP50: guarded.p50 / unguarded.p50,
    ratioP99: guarded.p99 / unguarded.p99,
  };
}
