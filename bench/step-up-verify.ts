// Step-up verification, server part: startStepUp (lockout check, passkeys, DB challenge,
// options) + completeStepUp (consume challenge, signature/UV/counter checks, grant, audit),
// called in-process against the bench database with a software authenticator producing
// real ES256 assertions. The authenticator's own signing is the browser's time and is
// left out. Baseline in the same run: SimpleWebAuthn's verifyAuthenticationResponse alone
// (the cryptography, no database), so the ratio is what our bookkeeping costs on top.
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { relyingParty } from "@/lib/step-up/config";
import { startStepUp } from "@/lib/step-up/start-step-up";
import { completeStepUp } from "@/lib/step-up/complete-step-up";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/step-up/register-passkey";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { BENCH_PASSWORD, createBenchAccount, openBenchSession, type BenchAccount } from "./lib/accounts";
import { summarize, timeMs, type Summary } from "./lib/stats";

export type StepUpVerifyResult = {
  iterations: number;
  server: Summary;
  options: Summary;
  verify: Summary;
  cryptoOnly: Summary;
  ratio: number;
};

export async function enrolPasskey({ account, sid }: { account: BenchAccount; sid: string }) {
  const rp = relyingParty();
  const authenticator = new SoftAuthenticator({ origin: rp.origin, rpId: rp.rpID });
  const now = new Date();
  const started = await startPasskeyRegistration({
    userId: account.userId,
    sessionId: sid,
    orgId: account.orgId,
    password: BENCH_PASSWORD,
    now,
  });
  if (!started.ok) throw new Error(`passkey registration start failed: ${started.kind}`);
  const finished = await finishPasskeyRegistration({
    userId: account.userId,
    sessionId: sid,
    orgId: account.orgId,
    response: authenticator.register({ challenge: started.options.challenge }),
    name: "Bench key",
    now,
  });
  if (!finished.ok) throw new Error(`passkey registration failed: ${finished.reason}`);
  return authenticator;
}

/** One honest step-up; returns the server's share of the time, split in its two calls. */
export async function stepUpOnce({
  account,
  sid,
  authenticator,
  actionId = null,
}: {
  account: BenchAccount;
  sid: string;
  authenticator: SoftAuthenticator;
  actionId?: "exports.csv" | null;
}) {
  let challenge = "";
  const options = await timeMs(async () => {
    const started = await startStepUp({ userId: account.userId, sessionId: sid, actionId, now: new Date() });
    if (started.kind !== "options") throw new Error(`step-up start answered ${started.kind}`);
    challenge = started.options.challenge;
  });
  const response = authenticator.assert({ challenge });
  const verify = await timeMs(async () => {
    const done = await completeStepUp({ userId: account.userId, sessionId: sid, orgId: account.orgId, response, now: new Date() });
    if (!done.ok) throw new Error(`step-up verify failed: ${done.kind}`);
  });
  return { options, verify };
}

export async function benchStepUpVerify({
  secret,
  warmup,
  iterations,
}: {
  secret: string;
  warmup: number;
  iterations: number;
}): Promise<StepUpVerifyResult> {
  const account = await createBenchAccount({ label: "stepup", plan: "pro" });
  const { sid } = await openBenchSession({ account, secret });
  const authenticator = await enrolPasskey({ account, sid });

  const options: number[] = [];
  const verify: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t = await stepUpOnce({ account, sid, authenticator, actionId: "exports.csv" });
    if (i >= warmup) {
      options.push(t.options);
      verify.push(t.verify);
    }
  }

  // Baseline: the same kind of assertion verified by the library alone, no database.
  const rp = relyingParty();
  const passkey = await db.passkey.findFirstOrThrow({ where: { userId: account.userId } });
  const challenge = Buffer.from("bench-fixed-challenge-0123456789abcdef").toString("base64url");
  const fixed = authenticator.assert({ challenge });
  const cryptoOnce = () =>
    verifyAuthenticationResponse({
      response: fixed,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: 0 },
      requireUserVerification: true,
    });
  const cryptoOnly: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const ms = await timeMs(cryptoOnce);
    if (i >= warmup) cryptoOnly.push(ms);
  }

  const server = summarize(options.map((o, i) => o + verify[i]!));
  const crypto = summarize(cryptoOnly);
  return {
    iterations,
    server,
    options: summarize(options),
    verify: summarize(verify),
    cryptoOnly: crypto,
    ratio: server.median / crypto.median,
  };
}
