// Imported first by every bench entry point: environment that must be in place before
// app modules evaluate (pino reads LOG_LEVEL when lib/log.ts loads). Per-request info
// logs are the app's business, not what a benchmark should time, so keep only warnings.
process.env.LOG_LEVEL ??= "warn";
process.env.CHECKPOINT_DISABLE = "1";
// The bench's own connections fill tables with 10⁶ rows in single statements, far past the
// app's 15 s statement timeout; that bound is for requests, not for loading test data.
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "0";
process.env.NEXT_TELEMETRY_DISABLED = "1";
export {};
