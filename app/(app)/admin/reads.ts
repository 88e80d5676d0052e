// The admin console's guarded reads: declarations only. Reads are audited like every
// decision, except the two declared quiet (the audit policy: lib/guard/guarded-read.ts).
import "server-only";
import { z } from "zod";
import { guardedRead } from "@/lib/guard/guarded-read";
import { openAdminConsole, viewAuditLog, viewMemberSessions, viewMembers, viewSecurityPolicy } from "@/lib/admin/view-admin-console";

const none = z.object({}).strict();

export const adminConsoleGate = guardedRead("admin.view", none, openAdminConsole, {
  quiet: "the page under the layout makes, and records, the same decision in the same request",
});

export const membersRead = guardedRead("admin.view", none, viewMembers);

export const memberSessionsRead = guardedRead("admin.view", none, viewMemberSessions);

export const securityPolicyRead = guardedRead("admin.view", none, viewSecurityPolicy);

export const auditLogRead = guardedRead("audit.view", z.unknown(), viewAuditLog, {
  quiet: "each view, filter and page change of the log would add a row to the list being read",
});
