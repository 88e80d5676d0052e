// "Test connection before saving", enforced on the server without an HTTP call inside the
// save's transaction: a successful test returns an HMAC over org + issuer + client id + time,
// and the save accepts only a proof that matches what it is saving and is under 15 minutes old.
import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

const PROOF_TTL_MS = 15 * 60 * 1000;

const key = () => Buffer.from(crypto.hkdfSync("sha256", env().NEXTAUTH_SECRET, "tiergate", "sso connection test proof", 32));
const mac = (payload: string) => crypto.createHmac("sha256", key()).update(payload).digest("base64url");

export function issueTestProof({ orgId, issuer, clientId, now }: { orgId: string; issuer: string; clientId: string; now: Date }) {
  const at = String(now.getTime());
  return `${at}.${mac([orgId, issuer, clientId, at].join("\n"))}`;
}

export function checkTestProof({
  proof,
  orgId,
  issuer,
  clientId,
  now,
}: {
  proof: string;
  orgId: string;
  issuer: string;
  clientId: string;
  now: Date;
}) {
  const [at, given] = proof.split(".");
  if (!at || !given || !/^\d+$/.test(at)) return false;
  const age = now.getTime() - Number(at);
  if (age < 0 || age > PROOF_TTL_MS) return false;
  const expected = Buffer.from(mac([orgId, issuer, clientId, at].join("\n")));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
