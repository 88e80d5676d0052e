// The closed set of ways a protected operation can say no, shared by server actions,
// route handlers and the browser. Expected refusals are values, never thrown errors.
import type { ActionId, FactorStrength, PlanId, StepUpMethod, StepUpPreset } from "@/lib/licensing/policy";

export type Refusal =
  | { kind: "unauthenticated"; message: string }
  | { kind: "forbidden"; message: string }
  | { kind: "plan_required"; plan: PlanId; message: string }
  | {
      kind: "step_up_required";
      actionId: ActionId;
      level: StepUpPreset | "custom";
      maxAge: number;
      /** The methods a new check may use, and the least strength it must prove (lib/licensing/factors.ts). */
      methods: readonly StepUpMethod[];
      minStrength: FactorStrength;
      message: string;
    }
  /** The org requires SSO and this session did not come through its connection: `startUrl` signs in there. */
  | { kind: "sso_required"; startUrl: string; message: string }
  | { kind: "locked"; retryAfter: number; message: string }
  | { kind: "invalid"; fields: Record<string, string>; message: string }
  | { kind: "error"; message: string };

export type RefusalKind = Refusal["kind"];
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: Refusal };

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });
export const refuse = <T = never>(error: Refusal): ActionResult<T> => ({ ok: false, error });

export function invalid(fields: Record<string, string>, message = "Please check the highlighted fields."): Refusal {
  return { kind: "invalid", fields, message };
}

/** zod issues → { field: first message } for forms. */
export function fieldsFromZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}
