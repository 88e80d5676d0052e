// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too, with no runtime configuration to check.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { exitOnInvalidEnv } = await import("@/lib/boot/exit-on-invalid-env");
  exitOnInvalidEnv();
  const { startProcessServices } = await import("@/lib/boot/start-process-services");
  startProcessServices();
}
