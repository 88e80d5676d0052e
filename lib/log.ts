// Structured logs (pino, JSON lines). Never log passwords, tokens, keys or full PII.
import "server-only";
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "tiergate" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "apiKey", "*.apiKey", "authorization"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
