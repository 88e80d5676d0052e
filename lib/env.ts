// Environment, validated once at boot. A missing or malformed variable stops the process
// with a message naming it (never a stack trace deep inside a request).
import "server-only";
import { z } from "zod";
import { TrustedProxyHopsSchema } from "@/lib/http/forwarded-for";
import { DatabaseEnvSchema } from "@/lib/db/db-env";
import { LogLevelSchema } from "@/lib/log";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm run dev sets it for the embedded Postgres)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  // A session-capable connection (not PgBouncer in transaction mode) for what needs one:
  // LISTEN, migrations, advisory locks held across statements. Unset: DATABASE_URL.
  DIRECT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DIRECT_DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is required (npm run dev generates one into .env.local)" })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  APP_URL: z.url("APP_URL must be an absolute URL such as http://localhost:3000").default("http://localhost:3000"),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_/, "STRIPE_SECRET_KEY must start with sk_test_, sk_live_, rk_test_ or rk_live_")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string({ error: "STRIPE_WEBHOOK_SECRET is required (npm run dev generates one for the local provider)" })
    .regex(/^whsec_/, "STRIPE_WEBHOOK_SECRET must start with whsec_"),
  LOG_LEVEL: LogLevelSchema,
  // Reverse proxies in front of the app that append to X-Forwarded-For (lib/http/forwarded-for.ts).
  TRUSTED_PROXY_HOPS: TrustedProxyHopsSchema,
  // Session lifetime (lib/auth/session-lifetime.ts): absolute from sign-in, idle from last use.
  SESSION_MAX_AGE_HOURS: z.coerce.number({ error: "SESSION_MAX_AGE_HOURS must be a number of hours" }).int().min(1).max(8760).default(168),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: "SESSION_IDLE_MINUTES must be a number of minutes" })
    .int()
    .min(5)
    .max(525600)
    .default(1440),
  // Sign-ups one IP may make per 15 minutes (lib/auth/mail-throttle.ts). The e2e harness
  // raises it: its whole run signs up from 127.0.0.1.
  SIGN_UPS_PER_IP: z.coerce.number({ error: "SIGN_UPS_PER_IP must be a number" }).int().min(1).max(100000).default(10),
  // Enables the test clock endpoint (tests move server time instead of sleeping). Never in production.
  TIERGATE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  // A demo deployment's explicit opt-in to the local billing provider in production (its
  // checkout "pays" with no card, so without this a production server needs Stripe keys).
  TIERGATE_LOCAL_BILLING: z.enum(["0", "1"], { error: "TIERGATE_LOCAL_BILLING must be 0 or 1" }).default("0"),
  // Pool sizes and timeouts (lib/db/db-env.ts).
  ...DatabaseEnvSchema.shape,
  // Outgoing mail (lib/mail/transport.ts). npm run dev points SMTP_URL at its local catcher.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587")
    .optional(),
  MAIL_FROM: z.string().trim().min(3, "MAIL_FROM must be an address such as tiergate <no-reply@example.com>").max(200).optional(),
  // AES-256-GCM key for secrets kept reversibly (lib/crypto/secret-box.ts): 32 bytes, base64.
  // Unset outside production: derived from NEXTAUTH_SECRET. Unset in production: sealing refuses.
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema> & { origin: string; rpID: string; directDatabaseUrl: string; mailFrom: string };

function loadEnv(): Env {
  const raw = Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const url = new URL(parsed.data.APP_URL);
  if (parsed.data.NODE_ENV === "production" && parsed.data.TIERGATE_TEST_CLOCK === "1" && !isLocalHost(url.hostname)) {
    throw new Error("Invalid environment configuration:\n  - TIERGATE_TEST_CLOCK: must not be enabled for a non-local APP_URL");
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.STRIPE_SECRET_KEY && parsed.data.TIERGATE_LOCAL_BILLING !== "1") {
    throw new Error(
      "Invalid environment configuration:\n  - STRIPE_SECRET_KEY: required in production (without it anyone could subscribe through the local billing provider's card-free checkout); a demo deployment may set TIERGATE_LOCAL_BILLING=1 instead",
    );
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.SMTP_URL) {
    throw new Error(
      "Invalid environment configuration:\n  - SMTP_URL: required in production (without mail nobody can verify an address, reset a forgotten password or receive an invitation, and security notices go nowhere)",
    );
  }
  // WebAuthn: the expected origin and RP ID derive from APP_URL, never from the request.
  const directDatabaseUrl = parsed.data.DIRECT_DATABASE_URL ?? parsed.data.DATABASE_URL;
  const mailFrom = parsed.data.MAIL_FROM ?? `tiergate <no-reply@${url.hostname}>`;
  return { ...parsed.data, origin: url.origin, rpID: url.hostname, directDatabaseUrl, mailFrom };
}

function isLocalHost(host: string) {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
