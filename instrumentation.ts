// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLicenseSweeper } = await import("@/lib/licensing/license-sweeper");
  startLicenseSweeper();
}
