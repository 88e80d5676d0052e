import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/http/safe-callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/billing?x=1", "/billing?x=1"],
    [undefined, "/dashboard"],
    ["https://evil.example", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
