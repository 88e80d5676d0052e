// Input Next itself chokes on (it answered 500) is refused by the production server's
// pipeline (server/request-pipeline.ts) with a 400 and a short human body, before Next sees
// it; well-formed requests reach Next byte for byte. Here the pipeline runs on a real socket
// in front of a stub that records what would have reached Next. (tests/e2e/edge.spec.ts
// sends the same requests to the real production server.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT } from "@/server/request-checks";
import { send, startPipeline } from "@/tests/helpers/pipeline-server";

let server: Awaited<ReturnType<typeof startPipeline>>;
beforeAll(async () => (server = await startPipeline({ hops: 0 })));
afterAll(() => server.close());

const ACTION = { "next-action": "4060fff3f72728115fbf568c26ce6574c78a16af1e" };
const action = (body: string | Buffer, headers: Record<string, string> = { "content-type": "text/plain;charset=UTF-8" }) =>
  send(server.port, { method: "POST", path: "/dashboard", headers: { ...ACTION, ...headers }, body });

function multipartBody(fields: [string, string][]) {
  const boundary = "----tiergate-test";
  const body =
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function expectRefused(response: Promise<{ status: number; text: string }>, status: number, text: RegExp) {
  const before = server.seen.length;
  const res = await response;
  expect(res.status).toBe(status);
  expect(res.text).toMatch(text);
  expect(server.seen.length).toBe(before); // never reached Next
}

describe("attack: malformed %-escapes in a dynamic segment (Next answered 500)", () => {
  it.each(["/invite/%ZZ", "/invite/%", "/invite/%C0%AF", "/api/v1/step-up/%E0%A4%A"])("GET %s → 400", async (path) => {
    await expectRefused(send(server.port, { path }), 400, /^Bad request: the address contains a malformed %-escape\.\n$/);
  });

  it("a well-formed escape, and a malformed one in the query (Next reads that leniently), pass", async () => {
    expect((await send(server.port, { path: "/invite/abc%20def?callbackUrl=%ZZ" })).status).toBe(200);
    expect(server.seen.at(-1)?.url).toBe("/invite/abc%20def?callbackUrl=%ZZ");
  });
});

describe("attack: malformed server action calls (Next answered 500)", () => {
  it.each([
    ["garbage", "garbage{", /not valid JSON/],
    ["a non-list root", '"x"', /must be a list/],
    ["a $-reference to a missing part", '["$Q1"]', /not accepted|missing/],
    ["an invalid $n BigInt", '["$nxyz"]', /not a valid BigInt/],
    ["a $h server reference", '["$h1"]', /not accepted/],
    ["a $@ promise", '["$@1"]', /not accepted/],
    ["a $T temporary reference (throws once the action reads it)", '["$T"]', /not accepted/],
  ])("%s → 400", async (_name, body, message) => {
    await expectRefused(action(body), 400, message);
  });

  it("multipart garbage, a missing boundary, a root that is not JSON, a part after the root → 400", async () => {
    await expectRefused(action("garbage", { "content-type": "multipart/form-data; boundary=XYZ" }), 400, /form data could not be read/);
    await expectRefused(action("garbage", { "content-type": "multipart/form-data" }), 400, /form data could not be read/);
    const badRoot = multipartBody([["0", "nope{"]]);
    await expectRefused(action(badRoot.body, badRoot.headers), 400, /not valid JSON/);
    const late = multipartBody([
      ["0", '["$1"]'],
      ["1", "{}"],
    ]);
    await expectRefused(action(late.body, late.headers), 400, /comes after the arguments/);
  });

  it("a progressive form post to a page with a garbage multipart body → 400", async () => {
    await expectRefused(
      send(server.port, {
        method: "POST",
        path: "/dashboard",
        headers: { "content-type": "multipart/form-data; boundary=XYZ" },
        body: "garbage",
      }),
      400,
      /form data could not be read/,
    );
  });

  it("a body over the action limit → 413, a chunked one (no length) → 411", async () => {
    await expectRefused(action(Buffer.alloc(ACTION_BODY_LIMIT + 1, "a")), 413, /too large/);
    await expectRefused(
      send(server.port, { method: "POST", path: "/dashboard", headers: { ...ACTION, "transfer-encoding": "chunked" }, body: "[]" }),
      411,
      /Content-Length/,
    );
  });

  it("well-formed calls reach Next byte for byte, text and multipart", async () => {
    const text = '["$$literal", {"name":"Side Project"}, "$D2026-12-01T00:00:00.000Z", "$0:1"]';
    expect((await action(text)).status).toBe(200);
    expect(server.seen.at(-1)?.body.toString("utf8")).toBe(text);
    const form = multipartBody([
      ["1_name", "Side Project"],
      ["0", '[{"ok":false},"$K1"]'],
    ]);
    expect((await action(form.body, form.headers)).status).toBe(200);
    expect(server.seen.at(-1)?.body.toString("utf8")).toBe(form.body);
    const big = `["${"x".repeat(ACTION_BODY_LIMIT - 10)}"]`;
    expect((await action(big)).status).toBe(200);
    expect(server.seen.at(-1)?.body.length).toBe(big.length);
  });

  it("route handlers take their own bodies: a POST to /api without next-action is not judged here", async () => {
    expect(
      (
        await send(server.port, {
          method: "POST",
          path: "/api/webhooks/stripe",
          headers: { "content-type": "multipart/form-data; boundary=XYZ" },
          body: "garbage",
        })
      ).status,
    ).toBe(200);
  });
});
