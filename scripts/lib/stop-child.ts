// Stops a child process the way the harnesses need: SIGTERM (each child's graceful stop),
// then SIGKILL if it is still running after `graceMs`. Resolves once it has exited.
import type { ChildProcess } from "node:child_process";

export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
