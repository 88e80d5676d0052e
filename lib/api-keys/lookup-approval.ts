// A browser looking up an API client's request by its user code (the approval page, the
// passkey options for an approval, Deny). A user code is a bearer secret for 10 minutes, so
// lookups that find nothing are throttled per session and per IP: guessing codes, or
// probing which orgs have pending requests, stops after a handful of tries.
import "server-only";
import { reserveAttempt, settleAttempt } from "@/lib/auth/throttle";
import { denyApiStepUp, findApprovableRequest, type ApprovableRequest } from "@/lib/api-keys/approval-request";

export const APPROVAL_LOOKUP_WINDOW_SECONDS = 10 * 60;
export const APPROVAL_LOOKUPS_PER_SESSION = 10;
export const APPROVAL_LOOKUPS_PER_IP = 30;

export type Approver = { userId: string; sessionId: string; ip: string };
export type ApprovalLookup =
  { kind: "found"; request: ApprovableRequest } | { kind: "unavailable" } | { kind: "throttled"; retryAfter: number };

export async function lookupApprovalRequest({
  userCode,
  approver,
  now,
}: {
  userCode: string;
  approver: Approver;
  now: Date;
}): Promise<ApprovalLookup> {
  const reserved = await reserveAttempt({
    rules: [
      { key: `approval-lookup:session:${approver.sessionId}`, limit: APPROVAL_LOOKUPS_PER_SESSION },
      { key: `approval-lookup:ip:${approver.ip}`, limit: APPROVAL_LOOKUPS_PER_IP },
    ],
    windowSeconds: APPROVAL_LOOKUP_WINDOW_SECONDS,
    now,
  });
  if (!reserved.ok) return { kind: "throttled", retryAfter: reserved.retryAfter };
  const request = await findApprovableRequest({ where: { userCode }, userId: approver.userId, now });
  // Only misses count: the approver reloading their own request is never throttled.
  await settleAttempt({ reservation: reserved.reservation, succeeded: request !== null });
  return request ? { kind: "found", request } : { kind: "unavailable" };
}

export function throttledMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many codes tried. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}

/** Deny by user code: the same lookup (and throttle), then denyApiStepUp. */
export async function denyApprovalByCode({
  userCode,
  approver,
  email,
  now,
}: {
  userCode: string;
  approver: Approver;
  email: string;
  now: Date;
}): Promise<Exclude<ApprovalLookup, { kind: "found" }> | { kind: "denied" }> {
  const found = await lookupApprovalRequest({ userCode, approver, now });
  if (found.kind !== "found") return found;
  const denied = await denyApiStepUp({ requestId: found.request.id, userId: approver.userId, email, ip: approver.ip, now });
  return { kind: denied ? "denied" : "unavailable" };
}
