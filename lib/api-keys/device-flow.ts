// Device-flow step-up for API clients (RFC 8628's shape): the client POSTs the action it
// needs, gets a user code and a verification URL; the key's creator or an admin of its org
// opens it and approves with a passkey (or denies it), and the grant is bound to the API key
// and that action. The client then retries its request (or polls the request's status:
// pending | approved | denied | expired). Who may answer: lib/api-keys/approval-request.ts.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ActionId } from "@/lib/licensing/policy";

export const DEVICE_REQUEST_TTL_SECONDS = 10 * 60;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

function userCode(): string {
  const bytes = crypto.randomBytes(8);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export async function startApiStepUp({ apiKeyId, actionId, now }: { apiKeyId: string; actionId: ActionId; now: Date }) {
  const expiresAt = new Date(now.getTime() + DEVICE_REQUEST_TTL_SECONDS * 1000);
  const request = await db.apiStepUpRequest.create({
    data: { apiKeyId, actionId, userCode: userCode(), expiresAt, createdAt: now },
  });
  const verificationUri = `${env().origin}/step-up/approve`;
  return {
    request_id: request.id,
    user_code: request.userCode,
    verification_uri: verificationUri,
    verification_uri_complete: `${verificationUri}?code=${encodeURIComponent(request.userCode)}`,
    expires_in: DEVICE_REQUEST_TTL_SECONDS,
    interval: 5,
  };
}

export async function getApiStepUpStatus({ apiKeyId, requestId, now }: { apiKeyId: string; requestId: string; now: Date }) {
  const request = await db.apiStepUpRequest.findFirst({ where: { id: requestId, apiKeyId } });
  if (!request) return null;
  const status = request.status === "pending" && request.expiresAt.getTime() <= now.getTime() ? "expired" : request.status;
  return { request_id: request.id, status, action: request.actionId, approved_at: request.approvedAt?.toISOString() ?? null };
}
