// NOTIFY → LISTEN → per-org fan-out, and the SSE body built on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLicenseEvents, subscribeToLicenseChanges } from "@/lib/licensing/license-events";
import { openLicenseEventStream } from "@/lib/licensing/license-event-stream";
import { redeliver, setupCapturingProvider, subscribedOrg } from "../billing/helpers";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { db } from "@/lib/db/client";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});
afterAll(async () => {
  await stopLicenseEvents();
});

function waitFor<T>(fn: (resolve: (v: T) => void) => void, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms);
    fn((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

describe("license change notifications", () => {
  it("a committed plan change reaches that org's subscribers within 2 s, and only theirs", async () => {
    const { org, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    const { org: other } = await createUserWithOrg();
    const seenOther: string[] = [];
    const offOther = await subscribeToLicenseChanges(other.id, (id) => seenOther.push(id));
    let off = () => {};
    const notified = waitFor<string>(async (resolve) => {
      off = await subscribeToLicenseChanges(org.id, resolve);
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    for (const e of events) await redeliver(e);
    expect(await notified).toBe(org.id);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seenOther).toEqual([]);
    off();
    offOther();
  });

  it("the SSE stream sends ready, then a license event with the new plan; abort closes it", async () => {
    const { org, subscription, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    for (const e of events) await redeliver(e);
    const abort = new AbortController();
    const owner = await db.membership.findFirstOrThrow({ where: { orgId: org.id } });
    const session = await createSession({ userId: owner.userId, orgId: org.id });
    const stream = await openLicenseEventStream({ orgId: org.id, sid: session.id, signal: abort.signal });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    await new Promise((r) => setTimeout(r, 100)); // LISTEN is established by now
    await harness.provider.cancelNow({ subscriptionId: subscription.id });
    for (const d of harness.take()) await redeliver(d.event);
    await readUntil('"plan":"free"');
    expect(text).toMatch(/event: license\ndata: \{"orgId":"[0-9a-f-]+","plan":"free","status":"canceled"/);
    abort.abort();
    const end = await reader.read();
    expect(end.done).toBe(true);
  });

  it("after the LISTEN connection is dropped and restored, every subscriber is told to refresh (a change may have been missed)", async () => {
    const { org } = await createUserWithOrg({ plan: "pro" });
    const seen: string[] = [];
    const off = await subscribeToLicenseChanges(org.id, (id) => seen.push(id));
    const killed = await db.$queryRaw<{ pid: number }[]>`
      SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`;
    expect(killed.length).toBeGreaterThan(0);
    // No NOTIFY is sent at all: only the catch-up after the reconnect can deliver this.
    await waitFor<void>((resolve) => {
      const poll = setInterval(() => {
        if (seen.includes(org.id)) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    }, 5000);
    off();
  });
});

describe("attack: a signed-out tab keeps receiving the org's live events", () => {
  it("revoking the session sends signed_out and closes its stream; another session's stream stays open", async () => {
    const { user, org } = await createUserWithOrg({ plan: "pro" });
    const mine = await createSession({ userId: user.id, orgId: org.id });
    const other = await createSession({ userId: user.id, orgId: org.id });
    const abortOther = new AbortController();
    const open = async (sid: string, signal: AbortSignal) => {
      const reader = (await openLicenseEventStream({ orgId: org.id, sid, signal })).getReader();
      const decoder = new TextDecoder();
      let text = "";
      return {
        async readToEnd() {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return text;
            text += decoder.decode(value);
          }
        },
        get text() {
          return text;
        },
        reader,
      };
    };
    const stream = await open(mine.id, new AbortController().signal);
    const otherStream = await open(other.id, abortOther.signal);
    await new Promise((r) => setTimeout(r, 100));
    await db.session.update({ where: { id: mine.id }, data: { revokedAt: new Date(), revokedReason: "sign_out" } });
    const text = await Promise.race([
      stream.readToEnd(),
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error("stream did not end within 2 s")), 2000)),
    ]);
    expect(text).toContain("event: signed_out");
    // The other session's stream is untouched: read its ready event, then it is still open.
    const first = await otherStream.reader.read();
    expect(first.done).toBe(false);
    abortOther.abort();
  });
});
