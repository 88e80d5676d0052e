// Imported first by every bench entry point: environment that must be in place before
// app modules evaluate (pino reads LOG_LEVEL when lib/log.ts loads). Per-request info
// logs are the app's business, not what a benchmark should time, so keep only warnings.
process.env.LOG_LEVEL ??= "warn";
process.env.CHECKPOINT_DISABLE = "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
export {};
