// The admin console's guarded reads (app/(app)/admin/reads.ts), each run on the guard's
// transaction. Every page gets who is looking (role, user, session, license) with its data,
// as the guard just decided them: a page never re-derives them.
import "server-only";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { listMembersAndInvites } from "@/lib/admin/list-members";
import { listMemberSessions } from "@/lib/admin/list-member-sessions";
import { auditEventNamesPresent, queryAuditEvents, stepUpsPerDay } from "@/lib/admin/query-audit-events";
import { ZAuditQuerySchema } from "@/lib/admin/schemas";
import { fieldsFromZod } from "@/lib/action-result";

type Args<I = Record<string, never>> = GuardedBodyArgs<I, SessionContext>;

const viewer = ({ ctx, license, role }: Args<unknown>) => ({ license, role, userId: ctx.userId, sid: ctx.sid, orgId: ctx.orgId });

/** The layout's gate: whether to show the tabs (each page decides for itself too). */
export async function openAdminConsole(args: Args) {
  return viewer(args);
}

export async function viewSecurityPolicy(args: Args) {
  return viewer(args);
}

export async function viewMembers(args: Args) {
  const { ctx, tx, now } = args;
  return { ...viewer(args), ...(await listMembersAndInvites({ tx, orgId: ctx.orgId, now })) };
}

export async function viewMemberSessions(args: Args) {
  return { ...viewer(args), sessions: await listMemberSessions({ tx: args.tx, orgId: args.ctx.orgId, now: args.now }) };
}

/**
 * The audit page validates its own filters (the schema takes any input): an invalid filter is
 * shown beside the filter form, which needs the event names either way.
 */
export async function viewAuditLog(args: Args<unknown>) {
  const { input, ctx, tx, now } = args;
  const orgId = ctx.orgId;
  const events = await auditEventNamesPresent({ tx, orgId });
  const parsed = ZAuditQuerySchema.safeParse(input);
  if (!parsed.success) return { ...viewer(args), events, query: null, invalid: fieldsFromZod(parsed.error.issues) };
  const query = parsed.data;
  const [page, chart] = await Promise.all([queryAuditEvents({ tx, orgId, query, now }), stepUpsPerDay({ tx, orgId, filters: query, now })]);
  return { ...viewer(args), events, query, invalid: null, page, chart, now };
}
