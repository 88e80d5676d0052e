// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too, with no runtime configuration to check.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await validateEnvOrExit();
  const { startLicenseSweeper } = await import("@/lib/licensing/license-sweeper");
  startLicenseSweeper();
}

// Invalid env stops the process at boot with the variable's name. A throw is not enough:
// `next start` logs a failed instrumentation hook and keeps serving, answering 500 to every
// request from a server that said Ready.
async function validateEnvOrExit() {
  const { env } = await import("@/lib/env");
  try {
    env();
  } catch (err) {
    process.stderr.write(`[tiergate] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
