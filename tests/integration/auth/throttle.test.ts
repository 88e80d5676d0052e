// The shared attempt throttle: reservation before the check, settle after.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reserveAttempt, settleAttempt } from "@/lib/auth/throttle";

const key = (p: string) => `test:${p}:${crypto.randomUUID()}`;
const WINDOW = 15 * 60;

describe("reserveAttempt / settleAttempt", () => {
  it("reserves up to the limit, then refuses with the time until the oldest counted attempt leaves the window", async () => {
    const k = key("limit");
    const t0 = new Date("2026-12-01T10:00:00Z");
    for (let i = 0; i < 3; i++) {
      const r = await reserveAttempt({ rules: [{ key: k, limit: 3 }], windowSeconds: WINDOW, now: new Date(t0.getTime() + i * 60_000) });
      expect(r.ok).toBe(true);
    }
    const refused = await reserveAttempt({
      rules: [{ key: k, limit: 3 }],
      windowSeconds: WINDOW,
      now: new Date(t0.getTime() + 5 * 60_000),
    });
    expect(refused).toEqual({ ok: false, retryAfter: 10 * 60 });
    // The refusal recorded nothing.
    expect(await db.signInAttempt.count({ where: { key: k } })).toBe(3);
    const later = await reserveAttempt({
      rules: [{ key: k, limit: 3 }],
      windowSeconds: WINDOW,
      now: new Date(t0.getTime() + WINDOW * 1000 + 1000),
    });
    expect(later.ok).toBe(true);
  });

  it("a successful settle removes the reservation (and clearKeys' failures); a failed one keeps it", async () => {
    const a = key("a");
    const b = key("b");
    const now = new Date();
    const rules = [
      { key: a, limit: 5 },
      { key: b, limit: 5 },
    ];
    const first = await reserveAttempt({ rules, windowSeconds: WINDOW, now });
    if (!first.ok) throw new Error("refused");
    await settleAttempt({ reservation: first.reservation, succeeded: false });
    expect(await db.signInAttempt.count({ where: { key: { in: [a, b] } } })).toBe(2);
    const second = await reserveAttempt({ rules, windowSeconds: WINDOW, now });
    if (!second.ok) throw new Error("refused");
    await settleAttempt({ reservation: second.reservation, succeeded: true, clearKeys: [a] });
    expect(await db.signInAttempt.count({ where: { key: a } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { key: b } })).toBe(1);
  });

  it("attack: 30 concurrent reservations on one key get exactly the limit", async () => {
    const k = key("race");
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        reserveAttempt({
          rules: [
            { key: k, limit: 5 },
            { key: key("ip"), limit: 30 },
          ],
          windowSeconds: WINDOW,
          now,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await db.signInAttempt.count({ where: { key: k } })).toBe(5);
  });
});
