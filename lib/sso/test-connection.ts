// "Test connection": the guard has decided (owner, Enterprise, fresh strict step-up) and
// committed; discovery runs after that, outside any transaction. A success returns what the
// IdP publishes (its acr values, for the mapping) and the proof the save will ask for.
import "server-only";
import { ok, refuse, invalid, type ActionResult } from "@/lib/action-result";
import type { CurrentSession } from "@/lib/auth/load-session";
import { now as clockNow } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { discoverIssuer } from "@/lib/sso/discover-issuer";
import { issueTestProof } from "@/lib/sso/connection-proof";

export type SsoTestResult = { issuer: string; authorizationEndpoint: string; acrValues: string[]; testProof: string };

export async function testSsoConnection({
  data,
  session,
}: {
  data: { issuer: string; clientId: string };
  session: CurrentSession;
}): Promise<ActionResult<SsoTestResult>> {
  const found = await discoverIssuer(data.issuer);
  const actor = { type: "user" as const, userId: session.user.id, email: session.user.email };
  const at = await clockNow();
  if (!found.ok) {
    await recordAuditEvent({ orgId: session.org.id, actor, action: "sso.test", decision: "failed", detail: { issuer: data.issuer }, at });
    return refuse(invalid({ issuer: found.message }, found.message));
  }
  await recordAuditEvent({ orgId: session.org.id, actor, action: "sso.test", decision: "succeeded", detail: { issuer: data.issuer }, at });
  const testProof = issueTestProof({ orgId: session.org.id, issuer: data.issuer, clientId: data.clientId, now: at });
  return ok({ ...found.summary, testProof });
}
