// NOTIFY → LISTEN → per-org fan-out, and the SSE body built on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLicenseEvents, subscribeToLicenseChanges } from "@/lib/licensing/license-events";
import { openLicenseEventStream } from "@/lib/licensing/license-event-stream";
import { redeliver, setupCapturingProvider, subscribedOrg } from "../billing/helpers";
import { createUserWithOrg } from "@/tests/helpers/factories";

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
    const stream = await openLicenseEventStream({ orgId: org.id, signal: abort.signal });
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
});
