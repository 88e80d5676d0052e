// Attacks on memory through request bodies: the Stripe webhook is anonymous (the signature is
// checked only once the body is read), so it must refuse a body over 1 MB before buffering
// it, whether the size is declared or streamed; the JSON API routes cap theirs at 64 KB.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { POST } from "@/app/api/webhooks/stripe/route";
import { readJson } from "@/lib/guard/refusal-response";
import subscriptionFixture from "@/tests/fixtures/stripe/subscription.json";
import { fixtureEvent, setupCapturingProvider, subscribedOrg, subscriptionRow } from "@/tests/integration/billing/helpers";

const MB = 1024 * 1024;
let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

const evtId = () => `evt_test_${crypto.randomUUID().replaceAll("-", "")}`;

/** A signed customer.subscription.updated for a fresh org, padded to about `bytes`. */
async function paddedEvent(bytes: number) {
  const { org, subscription, customerId } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
  harness.take();
  const id = evtId();
  const object = {
    ...structuredClone(subscriptionFixture),
    id: subscription.id,
    customer: customerId,
    metadata: { org_id: org.id },
    description: "",
  };
  const base = fixtureEvent({ id, type: "customer.subscription.updated", object }).payload.length;
  object.description = "x".repeat(Math.max(0, bytes - base));
  const { payload, signature } = fixtureEvent({ id, type: "customer.subscription.updated", object });
  return { id, org, payload, signature };
}

/** A body that arrives in 64 KB chunks with no Content-Length; counts what was pulled. */
function chunkedBody(totalBytes: number, chunk = new TextEncoder().encode("x".repeat(64 * 1024))) {
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stats.pulled >= totalBytes) return controller.close();
        stats.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

function webhookRequest(body: BodyInit, headers: Record<string, string>) {
  return new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

async function nothingWritten(eventId: string, orgId: string) {
  expect(await db.processedEvent.count({ where: { id: eventId } })).toBe(0);
  expect(await subscriptionRow(orgId)).toBeNull();
}

describe("attack: posting an oversized body to the Stripe webhook", () => {
  it("a validly signed 2 MB event is refused with 413 and writes nothing", async () => {
    const { id, org, payload, signature } = await paddedEvent(2 * MB);
    expect(Buffer.byteLength(payload)).toBeGreaterThan(2 * MB - 1024);
    const res = await POST(webhookRequest(payload, { "content-type": "application/json", "stripe-signature": signature }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "The request body is larger than 1048576 bytes." });
    await nothingWritten(id, org.id);
  });

  it("a declared Content-Length over 1 MB is refused before any of the body is read", async () => {
    const { stream, stats } = chunkedBody(4 * MB);
    const res = await POST(webhookRequest(stream, { "content-length": String(4 * MB), "stripe-signature": "t=1,v1=00" }));
    expect(res.status).toBe(413);
    expect(stats.pulled).toBe(0);
  });

  it("a chunked body with no Content-Length is cut off once it passes 1 MB, not read to its end", async () => {
    const { stream, stats } = chunkedBody(50 * MB);
    const res = await POST(webhookRequest(stream, { "stripe-signature": "t=1,v1=00" }));
    expect(res.status).toBe(413);
    // The reader stops at the chunk that crosses the cap (plus at most one queued chunk).
    expect(stats.pulled).toBeLessThanOrEqual(MB + 2 * 64 * 1024);
  });

  it("a validly signed 900 KB event is still verified and synced", async () => {
    const { id, org, payload, signature } = await paddedEvent(900 * 1024);
    expect(Buffer.byteLength(payload)).toBeGreaterThan(890 * 1024);
    const res = await POST(webhookRequest(payload, { "content-type": "application/json", "stripe-signature": signature }));
    expect(await res.json()).toEqual({ received: true, outcome: "synced" });
    expect(res.status).toBe(200);
    expect(await db.processedEvent.count({ where: { id } })).toBe(1);
    expect(await subscriptionRow(org.id)).toMatchObject({ status: "active" });
  });
});

describe("attack: streaming an oversized JSON body to an API route", () => {
  const jsonRequest = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://localhost:3000/api/v1/step-up", { method: "POST", headers, body, duplex: "half" } as RequestInit);

  it("a chunked body past 64 KB is a 413, cut off without reading the rest", async () => {
    const { stream, stats } = chunkedBody(20 * MB);
    const result = await readJson(jsonRequest(stream));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024 * 3);
  });

  it("a declared Content-Length over 64 KB is a 413 before reading", async () => {
    const { stream, stats } = chunkedBody(MB);
    const result = await readJson(jsonRequest(stream, { "content-length": String(MB) }));
    expect(result.ok ? 200 : result.response.status).toBe(413);
    expect(stats.pulled).toBe(0);
  });

  it("a multi-byte body is measured in bytes, and one under the cap still parses", async () => {
    const small = await readJson(jsonRequest(JSON.stringify({ note: "é".repeat(1000) })));
    expect(small).toEqual({ ok: true, value: { note: "é".repeat(1000) } });
    // 40 000 two-byte characters: under 64 K characters, over 64 KB.
    const large = await readJson(jsonRequest(JSON.stringify({ note: "é".repeat(40_000) })));
    expect(large.ok ? 200 : large.response.status).toBe(413);
  });
});
