// A production server without SMTP_URL would run with nobody able to confirm an address,
// reset a forgotten password or receive an invitation: it refuses to load, naming the
// variable. A malformed SMTP_URL is refused everywhere. Outside production it is optional
// (npm run dev points it at its catcher; a send without it fails and is logged).
import { afterEach, describe, expect, it, vi } from "vitest";

const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://tiergate:tiergate@127.0.0.1:5432/tiergate",
  NEXTAUTH_SECRET: "production-secret-production-secret-0123",
  STRIPE_WEBHOOK_SECRET: "whsec_production",
  STRIPE_SECRET_KEY: "sk_live_abc",
  APP_URL: "https://tiergate.example",
  TIERGATE_TEST_CLOCK: "0",
  SMTP_URL: "",
  MAIL_FROM: "",
};

async function loadEnvWith(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  const { env } = await import("@/lib/env");
  return () => env();
}

describe("SMTP_URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is required in production, and the refusal names it", async () => {
    const load = await loadEnvWith(PRODUCTION);
    expect(load).toThrow(/SMTP_URL: required in production/);
  });

  it("with it, production loads; MAIL_FROM defaults to no-reply at APP_URL's host", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, SMTP_URL: "smtps://user:pass@mail.example.com:465" });
    expect(load()).toMatchObject({ SMTP_URL: "smtps://user:pass@mail.example.com:465", mailFrom: "tiergate <no-reply@tiergate.example>" });
  });

  it("MAIL_FROM is used when set", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, SMTP_URL: "smtp://mail.example.com", MAIL_FROM: "Acme <auth@acme.example>" });
    expect(load().mailFrom).toBe("Acme <auth@acme.example>");
  });

  it.each(["http://mail.example.com", "mail.example.com:25", "smtp://has space"])("refuses %s, naming the variable", async (url) => {
    const load = await loadEnvWith({ ...PRODUCTION, NODE_ENV: "development", SMTP_URL: url });
    expect(load).toThrow(/SMTP_URL: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it("is optional outside production", async () => {
    const load = await loadEnvWith({ ...PRODUCTION, NODE_ENV: "development" });
    expect(load().SMTP_URL).toBeUndefined();
  });
});
