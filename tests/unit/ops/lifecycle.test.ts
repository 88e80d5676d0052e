// The process lifecycle shared by the production server and the app (lib/ops/lifecycle.ts).
import { afterEach, describe, expect, it } from "vitest";
import { beginDrain, isDraining, onDrain, onShutdown, resetLifecycleForTests, runShutdownTasks } from "@/lib/ops/lifecycle";
import { DRAIN_RETRY_MS, drainRetryMs } from "@/lib/licensing/license-event-stream";
import { shutdownTimeoutMs } from "@/server/graceful-shutdown";

afterEach(() => resetLifecycleForTests());

describe("drain", () => {
  it("tells every registered stream once, and a stream that opens during the drain at once", () => {
    const told: string[] = [];
    onDrain(() => told.push("a"));
    const offB = onDrain(() => told.push("b"));
    offB();
    expect(isDraining()).toBe(false);
    beginDrain();
    beginDrain();
    expect(isDraining()).toBe(true);
    onDrain(() => told.push("late"));
    expect(told).toEqual(["a", "late"]);
  });

  it("one stream throwing does not keep the others from being told", () => {
    const told: string[] = [];
    onDrain(() => {
      throw new Error("broken stream");
    });
    onDrain(() => told.push("next"));
    beginDrain();
    expect(told).toEqual(["next"]);
  });

  it("the reconnect hint is spread between 500 ms and 2 s, so a drained instance's tabs do not return in one burst", () => {
    expect(drainRetryMs(() => 0)).toBe(500);
    expect(drainRetryMs(() => 0.999999)).toBe(DRAIN_RETRY_MS.min + DRAIN_RETRY_MS.spread - 1);
    expect(DRAIN_RETRY_MS.min + DRAIN_RETRY_MS.spread).toBe(2_000);
  });
});

describe("attack: a shutdown task that never finishes (a pool waiting on a connection a stalled export holds) keeping the process alive", () => {
  it("each task is bounded; the rest still run, in registration order, and the stuck one is named", async () => {
    const ran: string[] = [];
    onShutdown("sweeper", () => void ran.push("sweeper"));
    onShutdown("pools", () => new Promise(() => {}));
    onShutdown("failing", () => Promise.reject(new Error("x")));
    onShutdown("last", () => void ran.push("last"));
    const started = Date.now();
    expect(await runShutdownTasks({ timeoutMs: 100 })).toEqual(["pools", "failing"]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ran).toEqual(["sweeper", "last"]);
  });
});

describe("SHUTDOWN_TIMEOUT_MS", () => {
  it("defaults to 25 s and refuses what is not a duration with the variable's name", () => {
    expect(shutdownTimeoutMs(undefined)).toBe(25_000);
    expect(shutdownTimeoutMs("")).toBe(25_000);
    expect(shutdownTimeoutMs("5000")).toBe(5_000);
    expect(() => shutdownTimeoutMs("25s")).toThrow("SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds");
    expect(() => shutdownTimeoutMs("50")).toThrow("SHUTDOWN_TIMEOUT_MS must be at least 100");
    expect(() => shutdownTimeoutMs("9999999")).toThrow("at most 600000");
  });
});
