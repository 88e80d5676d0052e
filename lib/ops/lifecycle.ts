// The process's lifecycle, shared by the production server (server/production-server.ts,
// loaded by tsx outside Next's bundles) and the app (route handlers, SSE streams, the boot
// module, inside them). Those are two module graphs in one process, so the state lives on
// globalThis, never in a module variable, and this file imports nothing of the app.
//
//   draining: set once on SIGTERM. Readiness answers 503 from then on, and every open live-
//     update stream is told to reconnect (to another instance) and closed.
//   shutdown tasks: what the app started for the process's life (the sweeper, LISTEN, the
//     pools), registered by the boot module and run by the server after the last request.

type DrainListener = () => void;
type ShutdownTask = { name: string; run: () => Promise<unknown> | unknown };
type Lifecycle = { draining: boolean; drainListeners: Set<DrainListener>; shutdownTasks: Map<string, ShutdownTask> };

const g = globalThis as unknown as { __tiergateLifecycle?: Lifecycle };
const state: Lifecycle = (g.__tiergateLifecycle ??= { draining: false, drainListeners: new Set(), shutdownTasks: new Map() });

export function isDraining(): boolean {
  return state.draining;
}

/** Starts the drain (idempotent): readiness goes false and every drain listener runs once. */
export function beginDrain(): void {
  if (state.draining) return;
  state.draining = true;
  const listeners = [...state.drainListeners];
  state.drainListeners.clear();
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // one stream failing to close must not keep the others open
    }
  }
}

/**
 * Calls `listener` when the drain starts (at once if it already has). Returns the
 * unsubscribe: a stream that ends by itself must not stay in the registry.
 */
export function onDrain(listener: DrainListener): () => void {
  if (state.draining) {
    listener();
    return () => {};
  }
  state.drainListeners.add(listener);
  return () => void state.drainListeners.delete(listener);
}

/** Registers (or, under the same name, replaces: dev hot reloads) a task for the end of the process. */
export function onShutdown(name: string, run: ShutdownTask["run"]): void {
  state.shutdownTasks.set(name, { name, run });
}

/**
 * Runs every shutdown task in registration order, each bounded by `timeoutMs` so a pool
 * waiting on a connection that will never be released cannot keep the process alive.
 * Returns the names of the tasks that failed or timed out.
 */
export async function runShutdownTasks({ timeoutMs }: { timeoutMs: number }): Promise<string[]> {
  const failed: string[] = [];
  for (const task of state.shutdownTasks.values()) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    try {
      const outcome = await Promise.race([Promise.resolve().then(task.run), timedOut]);
      if (outcome === "timeout") failed.push(task.name);
    } catch {
      failed.push(task.name);
    } finally {
      clearTimeout(timer);
    }
  }
  state.shutdownTasks.clear();
  return failed;
}

/** Tests only: back to a fresh process's state. */
export function resetLifecycleForTests(): void {
  state.draining = false;
  state.drainListeners.clear();
  state.shutdownTasks.clear();
}
