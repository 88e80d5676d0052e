// Invalid env stops the process at boot with the variable's name (lib/env.ts). A throw is
// not enough from instrumentation.ts: `next start` logs a failed instrumentation hook and
// keeps serving, answering 500 to every request from a server that already said Ready.
// Node-only (process.exit), so instrumentation.ts imports it only in the Node.js runtime.
import "server-only";
import { env } from "@/lib/env";

export function exitOnInvalidEnv() {
  try {
    env();
  } catch (err) {
    process.stderr.write(`[tiergate] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
