// Every audit event reads as words: each name any module records (found by scanning lib/ for
// recordAuditEvent and recordFailedAttempt callers) is a policy action or has a label here; actors and targets by name.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_LABELS, auditActionLabel, auditActor, auditTarget, type AuditNames } from "@/lib/admin/audit-labels";
import { AUDIT_EVENT_NAMES } from "@/lib/admin/schemas";
import { isActionId } from "@/lib/licensing/policy";

function recordedEventNames(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...recordedEventNames(file));
    else if (file.endsWith(".ts")) {
      const text = fs.readFileSync(file, "utf8");
      // recordFailedAttempt is recordAuditEvent with a fixed shape: its callers name events too.
      if (!text.includes("recordAuditEvent(") && !text.includes("recordFailedAttempt(")) continue;
      for (const m of text.matchAll(/action: "([a-zA-Z_]+\.[a-zA-Z_.]+)"/g)) out.push(m[1]!);
    }
  }
  return out;
}

const names: AuditNames = {
  users: new Map([
    ["u1", { name: "Alice Admin", email: "alice@example.com" }],
    ["u2", { name: "Bob Member", email: "bob@example.com" }],
  ]),
  apiKeys: new Map([["k1", "Nightly export"]]),
};

describe("audit labels", () => {
  it("every event name a module records, and every filterable one, has a human label", () => {
    const recorded = recordedEventNames(path.resolve("lib"));
    expect(recorded.length).toBeGreaterThan(10);
    for (const name of new Set([...recorded, ...AUDIT_EVENT_NAMES])) {
      expect(isActionId(name) || Object.hasOwn(AUDIT_EVENT_LABELS, name), name).toBe(true);
    }
  });

  it("labels never show an id: policy actions by their label, others from the map, unknown ones as words", () => {
    expect(auditActionLabel("exports.csv")).toBe("Export CSV");
    expect(auditActionLabel("step_up.verify")).toBe("Passkey check");
    expect(auditActionLabel("billing.planChanged")).toBe("Plan changed");
    expect(auditActionLabel("widgets.frobnicateAll")).toBe("Widgets frobnicate all");
  });

  it("actors by name and email, API keys by name (and whose), targets by name", () => {
    expect(auditActor({ actorUserId: "u1", actorEmail: "alice@example.com", detail: {} }, names)).toBe("Alice Admin (alice@example.com)");
    expect(auditActor({ actorUserId: "u1", actorEmail: null, detail: { apiKeyId: "k1" } }, names)).toBe(
      "API key “Nightly export” of Alice Admin (alice@example.com)",
    );
    expect(auditActor({ actorUserId: null, actorEmail: null, detail: null }, names)).toBe("System");
    expect(auditActor({ actorUserId: "gone", actorEmail: null, detail: null }, names)).toBe("A former member");
    expect(auditTarget({ userId: "u2" }, names)).toBe("Bob Member (bob@example.com)");
    expect(auditTarget({ from: "pro", to: "enterprise" }, names)).toBe("pro → enterprise");
    expect(auditTarget({ forAction: "exports.csv" }, names)).toBe("For: Export CSV");
    expect(auditTarget({ plan: "pro" }, names)).toBe("");
  });
});
