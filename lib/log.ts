// Structured logs (pino, JSON lines). Never log passwords, tokens, keys or full PII.
import "server-only";
import pino from "pino";
import { z } from "zod";

/**
 * LOG_LEVEL, validated like the rest of the environment (lib/env.ts uses this same schema).
 * The logger is built when this module loads, before env() runs, so it parses the variable
 * itself: a bad value stops the process with a message naming it.
 */
export const LogLevelSchema = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
  })
  .default("info");

function logLevel(): z.output<typeof LogLevelSchema> {
  const parsed = LogLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
  if (!parsed.success) throw new Error(`Invalid environment: LOG_LEVEL: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const logger = pino({
  level: logLevel(),
  base: { app: "tiergate" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "apiKey", "*.apiKey", "authorization"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
