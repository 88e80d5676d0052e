// The production server's check of server-action bodies (server/action-body.ts): what React's
// client sends passes untouched, what would make Next's decoder throw (a 500) is refused.
import { describe, expect, it } from "vitest";
import { checkActionBody } from "@/server/action-body";

const text = (body: string) => checkActionBody({ contentType: "text/plain;charset=UTF-8", body: Buffer.from(body), fetchAction: true });

async function multipart(fields: [string, string][], fetchAction = true) {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  const res = new Response(form);
  return checkActionBody({ contentType: res.headers.get("content-type")!, body: Buffer.from(await res.arrayBuffer()), fetchAction });
}

describe("server action bodies React's client sends", () => {
  it.each([
    ['["org_123"]'],
    ['[{"name":"Side Project"}]'],
    ['["$$dollar", "$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0", "$D2026-12-01T00:00:00.000Z", "$n123"]'],
    ['[{"a":{"b":1}}, "$0:0:a"]'],
    ["[]"],
  ])("text %s passes", async (body) => {
    expect(await text(body)).toEqual({ ok: true });
  });

  it("useActionState's (state, FormData) call passes, parts before the root", async () => {
    expect(
      await multipart([
        ["1_name", "Side Project"],
        ["0", '[{"ok":false},"$K1"]'],
      ]),
    ).toEqual({ ok: true });
    expect(
      await multipart([
        ["1", '{"name":"x"}'],
        ["2", '["$1"]'],
        ["0", '["$2", "$1:name"]'],
      ]),
    ).toEqual({ ok: true });
  });

  it("a form post that is not an action is none of its business", async () => {
    expect(
      await checkActionBody({ contentType: "application/x-www-form-urlencoded", body: Buffer.from("a=%ZZ"), fetchAction: false }),
    ).toEqual({ ok: true });
    expect(
      await multipart(
        [
          ["$ACTION_ID_abc", ""],
          ["name", "x"],
        ],
        false,
      ),
    ).toEqual({ ok: true });
  });
});

describe("attack: malformed server action bodies that made Next answer 500", () => {
  it.each([
    ["garbage{"],
    [""],
    ['"not a list"'],
    ["5"],
    ['["$Q1"]'], // a Map from a part that does not exist
    ['["$W1"]'],
    ['["$1"]'],
    ['["$h1"]'], // a server reference
    ['["$@1"]'], // a promise
    ['["$nxyz"]'], // BigInt("xyz") throws
    ['["$n' + "9".repeat(301) + '"]'],
    ['["$B1"]'],
    ['["$A1"]'],
    ['["$R1"]'],
    ['["$i1"]'],
    ['["$"]'],
    ['["$T"]'], // a temporary reference: throws as soon as the action reads it
    ['["$Z"]'],
    ['[{"a":1}, "$0:b"]'], // a path that does not exist
    ["[".repeat(100_000) + "]".repeat(100_000)],
  ])("text %s → 400", async (body) => {
    expect(await text(body)).toMatchObject({ ok: false });
  });

  it("multipart: unreadable, no root, a root that is not JSON, parts missing or after the root", async () => {
    const garbage = await checkActionBody({
      contentType: "multipart/form-data; boundary=XYZ",
      body: Buffer.from("garbage"),
      fetchAction: true,
    });
    expect(garbage).toEqual({ ok: false, message: "The form data could not be read." });
    expect(await checkActionBody({ contentType: "multipart/form-data", body: Buffer.from("garbage"), fetchAction: false })).toMatchObject({
      ok: false,
    });
    expect(await multipart([["1", "{}"]])).toMatchObject({ ok: false });
    expect(await multipart([["0", "nope{"]])).toMatchObject({ ok: false });
    expect(await multipart([["0", '["$1"]']])).toMatchObject({ ok: false });
    expect(
      await multipart([
        ["0", '["$1"]'],
        ["1", "{}"],
      ]),
    ).toEqual({ ok: false, message: "A server action argument refers to a part that comes after the arguments." });
    expect(
      await multipart([
        ["1", "nope{"],
        ["0", '["$1"]'],
      ]),
    ).toMatchObject({ ok: false });
    expect(
      await multipart([
        ["1", '["$h2"]'],
        ["0", '["$1"]'],
      ]),
    ).toMatchObject({ ok: false });
  });

  it("a progressive form post with malformed bound arguments", async () => {
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "nope{"],
        ],
        false,
      ),
    ).toMatchObject({ ok: false });
    expect(await multipart([["$ACTION_REF_1", ""]], false)).toMatchObject({ ok: false });
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"x","bound":"$h1"}'],
        ],
        false,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"x","bound":null}'],
        ],
        false,
      ),
    ).toEqual({ ok: true });
  });
});
