// LOG_LEVEL is validated like the rest of the environment: a bad value stops the process with
// a message naming the variable, and lib/env.ts accepts exactly what the logger does.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("LOG_LEVEL", () => {
  it("an unknown level refuses to load, naming the variable", async () => {
    vi.stubEnv("LOG_LEVEL", "loud");
    vi.resetModules();
    await expect(import("@/lib/log")).rejects.toThrow(/LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it("unset means info; a valid level is used", async () => {
    vi.stubEnv("LOG_LEVEL", "");
    vi.resetModules();
    expect((await import("@/lib/log")).logger.level).toBe("info");
    vi.stubEnv("LOG_LEVEL", "warn");
    vi.resetModules();
    expect((await import("@/lib/log")).logger.level).toBe("warn");
  });

  it("is the same schema in the validated env", async () => {
    const { LogLevelSchema } = await import("@/lib/log");
    expect(LogLevelSchema.safeParse("silent").success).toBe(true);
    expect(LogLevelSchema.safeParse("verbose").success).toBe(false);
  });
});
