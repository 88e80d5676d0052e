// Who may approve an API key's device-flow request: its creator or an admin/owner of the
// key's org, and in either case only with a role that meets the action's minimum.
import { describe, expect, it } from "vitest";
import { mayApprove } from "@/lib/api-keys/approval-request";

describe("attack: a plain member approving exports for a key an admin created", () => {
  it.each([
    // role, creator?, action, allowed
    ["member", false, "exports.csv", false],
    ["member", true, "exports.csv", true],
    ["member", true, "exports.bulk", false],
    ["admin", false, "exports.csv", true],
    ["admin", false, "exports.bulk", true],
    ["owner", false, "exports.bulk", true],
    ["admin", true, "billing.manage", false],
    ["owner", false, "billing.manage", true],
  ] as const)("%s (creator: %s) approving %s → %s", (role, isCreator, actionId, allowed) => {
    expect(mayApprove({ role, isCreator, actionId })).toBe(allowed);
  });
});
