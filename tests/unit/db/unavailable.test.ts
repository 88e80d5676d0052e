// Which failures are "the database cannot serve this right now" (503 + Retry-After) and
// which are bugs or bad input (500 / refusals): one classifier for every entry point.
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, tagUnavailable, unavailableResponse } from "@/lib/db/unavailable";
import { UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

const withCode = (message: string, code: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe("attack: turning a database outage into 500s (or a bug into a silent 503)", () => {
  it.each([
    ["pool acquire timeout", new Error("timeout exceeded when trying to connect")],
    ["connection refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["server shutting down", withCode("terminating connection due to administrator command", "57P01")],
    [
      "statement timeout through Prisma",
      withCode("Raw query failed. Code: `57014`. Message: `canceling statement due to statement timeout`", "P2010"),
    ],
    ["Prisma cannot reach the server", withCode("Can't reach database server at `db:5432`", "P1001")],
    ["wrapped in a cause", Object.assign(new Error("outer"), { cause: withCode("connect ECONNREFUSED", "ECONNREFUSED") })],
  ])("%s is unavailable", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["unique violation", withCode("Unique constraint failed on the fields: (`email`)", "P2002")],
    ["syntax error", withCode('syntax error at or near "selec"', "42601")],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "timeout"],
  ])("%s is not", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it("tags only unavailable errors with the digest the error page recognises", () => {
    expect((tagUnavailable(new Error("timeout exceeded when trying to connect")) as { digest?: string }).digest).toBe(UNAVAILABLE_DIGEST);
    expect("digest" in tagUnavailable(new Error("boom"))).toBe(false);
  });

  it("the route answer is 503 with Retry-After and a human message", async () => {
    const res = unavailableResponse();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toMatchObject({ error: "unavailable", retry_after: 5 });
  });
});
