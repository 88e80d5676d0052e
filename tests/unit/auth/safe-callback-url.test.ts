import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";

// APP_URL is http://localhost:3000 in vitest.config.mts.
describe("safeCallbackUrl", () => {
  it.each([
    ["/billing?x=1", "/billing?x=1"],
    ["/step-up/approve?code=ABCD-EFGH#top", "/step-up/approve?code=ABCD-EFGH#top"],
    ["http://localhost:3000/reports", "/reports"],
    [undefined, "/dashboard"],
  ])("keeps a same-origin path: %s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});

describe("attack: an open redirect through callbackUrl after sign-in", () => {
  it.each([
    ["https://evil.example"],
    ["http://localhost:3001/dashboard"], // another origin on the same host
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/\t/evil.example"], // what Next hands the page for ?callbackUrl=/%09/evil.example
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["/x\nSet-Cookie: a=b"], // a raw LF would reach the Location header
    ["/%09/evil.example"],
    ["/%0a/evil.example"],
    ["/%0D%0A/evil.example"],
    ["/%5Cevil.example"],
    ["/%5c%5cevil.example"],
    ["/.//evil.example"],
    ["/%zz"],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["/\u0000/evil.example"],
    ["/\u0085/evil.example"],
  ])("%j → /dashboard", (input) => {
    expect(safeCallbackUrl(input)).toBe("/dashboard");
  });
});
