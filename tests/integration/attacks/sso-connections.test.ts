// Attacks on SSO connection settings (issue 15), against the real OpenID provider: each is
// refused with a clear message, audited, and writes nothing; the client secret has no way out.
import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { guardedEntryPoints } from "@/lib/guard/registry";
import type { GuardContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";
import { testSsoConnection } from "@/lib/sso/test-connection";
import { getSsoConnection } from "@/lib/sso/get-connection";
import { openSecret } from "@/lib/crypto/secret-box";
import { issueTestProof } from "@/lib/sso/connection-proof";
import { orgWithOwner } from "@/tests/integration/admin/helpers";
import { TEST_CLIENT, startTestIdpForFile } from "@/tests/helpers/oidc-idp";
import { freePort } from "@/scripts/lib/free-port";

const idp = startTestIdpForFile();

beforeAll(async () => {
  await import("@/app/(app)/admin/sso/actions");
});

function entry(bodyName: string) {
  const e = guardedEntryPoints().get(`action:sso.configure:${bodyName}`);
  if (!e) throw new Error(`no sso.configure entry ${bodyName}`);
  return (ctx: GuardContext | null, input: unknown) => e.invoke({ ctx, input });
}
const save = (ctx: GuardContext | null, input: unknown) => entry("saveSsoConnection")(ctx, input);

function sessionOf(ctx: GuardContext, orgId: string): CurrentSession {
  if (ctx.kind !== "session") throw new Error("session ctx expected");
  return {
    sid: ctx.sid,
    user: { id: ctx.userId, email: ctx.email, name: "Owner" },
    org: { id: orgId, name: "Org", slug: "org", personal: true },
    role: "owner",
    memberships: [],
  };
}

async function tested(orgId: string, ctx: GuardContext) {
  const result = await testSsoConnection({
    data: { issuer: idp.current.issuer, clientId: TEST_CLIENT.clientId },
    session: sessionOf(ctx, orgId),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const uniqueDomain = () => `d${crypto.randomUUID().slice(0, 8)}.example`;

async function validInput(orgId: string, ctx: GuardContext, overrides: Record<string, unknown> = {}) {
  const { testProof } = await tested(orgId, ctx);
  return {
    issuer: idp.current.issuer,
    clientId: TEST_CLIENT.clientId,
    clientSecret: TEST_CLIENT.clientSecret,
    domains: uniqueDomain(),
    testProof,
    ...overrides,
  };
}

describe("sso connections: the happy path an owner takes", () => {
  it("tests against the real IdP (its acr values come back), saves, and stores the secret sealed to the org", async () => {
    const { org, owner } = await orgWithOwner();
    const result = await tested(org.id, owner.ctx);
    expect(result.acrValues).toContain("urn:tiergate:demo:mfa");
    const domain = uniqueDomain();
    const saved = await save(owner.ctx, {
      ...(await validInput(org.id, owner.ctx)),
      domains: `${domain.toUpperCase()}, ${domain}`,
    });
    expect(saved.ok).toBe(true);
    const row = await db.ssoConnection.findUniqueOrThrow({ where: { orgId: org.id }, include: { domains: true } });
    expect(row.domains.map((d) => d.domain)).toEqual([domain]);
    expect(row.clientSecretBox).not.toContain(TEST_CLIENT.clientSecret);
    expect(openSecret(row.clientSecretBox, `sso-client-secret:${org.id}`)).toBe(TEST_CLIENT.clientSecret);
    // Bound to its org: the same sealed value does not open as another org's secret.
    expect(() => openSecret(row.clientSecretBox, `sso-client-secret:${crypto.randomUUID()}`)).toThrow();
    const audit = await db.auditEvent.findFirst({ where: { orgId: org.id, action: "sso.configure", decision: "applied" } });
    expect(audit).not.toBeNull();
  });
});

describe("attack: the client secret read back through an answer", () => {
  it("no save answer and no read carries the secret or its sealed form", async () => {
    const { org, owner } = await orgWithOwner();
    const saved = await save(owner.ctx, await validInput(org.id, owner.ctx));
    const row = await db.ssoConnection.findUniqueOrThrow({ where: { orgId: org.id } });
    const view = await getSsoConnection({ tx: db, orgId: org.id });
    for (const answer of [saved, view]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(TEST_CLIENT.clientSecret);
      expect(text).not.toContain(row.clientSecretBox);
      expect(text).not.toContain('clientSecret"');
    }
    expect(view?.hasClientSecret).toBe(true);
  });

  it("a save with a blank secret keeps the stored one (it is never sent back to the form)", async () => {
    const { org, owner } = await orgWithOwner();
    await save(owner.ctx, await validInput(org.id, owner.ctx));
    const before = (await db.ssoConnection.findUniqueOrThrow({ where: { orgId: org.id } })).clientSecretBox;
    const domains = (await getSsoConnection({ tx: db, orgId: org.id }))!.domains.join(",");
    expect((await save(owner.ctx, await validInput(org.id, owner.ctx, { clientSecret: "", domains }))).ok).toBe(true);
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { orgId: org.id } })).clientSecretBox).toBe(before);
  });
});

describe("attack: an email domain claimed by two orgs", () => {
  it("the second org is refused with a message naming the domain and writes nothing", async () => {
    const first = await orgWithOwner();
    const second = await orgWithOwner();
    const domain = uniqueDomain();
    expect((await save(first.owner.ctx, await validInput(first.org.id, first.owner.ctx, { domains: domain }))).ok).toBe(true);
    const refused = await save(
      second.owner.ctx,
      await validInput(second.org.id, second.owner.ctx, { domains: `other-${domain}, ${domain}` }),
    );
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid", fields: { domains: expect.stringContaining(domain) } } });
    expect(await db.ssoConnection.count({ where: { orgId: second.org.id } })).toBe(0);
    expect(await db.ssoDomain.count({ where: { domain: `other-${domain}` } })).toBe(0);
  });
});

describe("attack: SSO configured on a plan without the feature", () => {
  it("a Pro owner is refused with plan_required and nothing is stored", async () => {
    const { org, owner } = await orgWithOwner({ plan: "pro", verified: false });
    const proof = issueTestProof({ orgId: org.id, issuer: idp.current.issuer, clientId: TEST_CLIENT.clientId, now: new Date() });
    const refused = await save(owner.ctx, {
      issuer: idp.current.issuer,
      clientId: TEST_CLIENT.clientId,
      clientSecret: "x",
      domains: uniqueDomain(),
      testProof: proof,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: "plan_required", plan: "enterprise" } });
    const test = await entry("testSsoConnection")(owner.ctx, { issuer: idp.current.issuer, clientId: TEST_CLIENT.clientId });
    expect(test).toMatchObject({ ok: false, error: { kind: "plan_required" } });
    expect(await db.ssoConnection.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("attack: wrong role, wrong org, no session, stale grant", () => {
  it("an admin (not an owner) is refused", async () => {
    const { org, owner, join } = await orgWithOwner();
    const admin = await join("admin");
    const refused = await save(admin.ctx, await validInput(org.id, owner.ctx));
    expect(refused).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await db.ssoConnection.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("an owner of another org cannot configure this one (the proof is bound to the org it was issued for)", async () => {
    const mine = await orgWithOwner();
    const theirs = await orgWithOwner();
    const input = await validInput(theirs.org.id, theirs.owner.ctx);
    const ctx = { ...mine.owner.ctx, orgId: theirs.org.id } as GuardContext;
    expect((await save(ctx, input)).ok).toBe(false);
    // With its own org and the other org's proof, the proof does not match.
    const refused = await save(mine.owner.ctx, input);
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: "invalid", fields: { issuer: expect.stringContaining("Test the connection") } },
    });
    expect(await db.ssoConnection.count({ where: { orgId: { in: [mine.org.id, theirs.org.id] } } })).toBe(0);
  });

  it("no session is refused", async () => {
    expect(await save(null, {})).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
  });

  it("an owner without a fresh strict step-up is asked for one", async () => {
    const { org, owner } = await orgWithOwner({ verified: false });
    const proof = issueTestProof({ orgId: org.id, issuer: idp.current.issuer, clientId: TEST_CLIENT.clientId, now: new Date() });
    const refused = await save(owner.ctx, {
      issuer: idp.current.issuer,
      clientId: TEST_CLIENT.clientId,
      clientSecret: "x",
      domains: uniqueDomain(),
      testProof: proof,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
  });
});

describe("attack: saving an issuer nobody tested", () => {
  it("a missing, forged or expired proof is refused and writes nothing", async () => {
    const { org, owner } = await orgWithOwner();
    const old = issueTestProof({
      orgId: org.id,
      issuer: idp.current.issuer,
      clientId: TEST_CLIENT.clientId,
      now: new Date(Date.now() - 16 * 60_000),
    });
    for (const testProof of ["", "123.forged", old]) {
      const refused = await save(owner.ctx, await validInput(org.id, owner.ctx, { testProof }));
      expect(refused).toMatchObject({ ok: false, error: { kind: "invalid" } });
    }
    // A proof for one issuer does not cover another.
    const refused = await save(owner.ctx, await validInput(org.id, owner.ctx, { issuer: "http://127.0.0.1:9/other" }));
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await db.ssoConnection.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("attack: an unreachable issuer or wrong metadata", () => {
  it("an issuer nobody answers at is refused with 'Could not reach' and audited", async () => {
    const { org, owner } = await orgWithOwner();
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const result = await testSsoConnection({ data: { issuer, clientId: "x" }, session: sessionOf(owner.ctx, org.id) });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringContaining("Could not reach") } });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "sso.test", decision: "failed" } })).toBe(1);
  });

  it("metadata that names another issuer, or lacks PKCE S256, is refused with what is wrong", async () => {
    const { org, owner } = await orgWithOwner();
    const port = await freePort();
    let metadata: Record<string, unknown> = {};
    const server = http.createServer((_req, res) => res.setHeader("content-type", "application/json").end(JSON.stringify(metadata)));
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    const issuer = `http://127.0.0.1:${port}`;
    const base = {
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
    };
    try {
      metadata = { ...base, issuer: "https://evil.example" };
      let result = await testSsoConnection({ data: { issuer, clientId: "x" }, session: sessionOf(owner.ctx, org.id) });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining("names another issuer") } });
      metadata = { ...base, issuer, code_challenge_methods_supported: ["plain"] };
      result = await testSsoConnection({ data: { issuer, clientId: "x" }, session: sessionOf(owner.ctx, org.id) });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining("PKCE with S256") } });
    } finally {
      server.close();
    }
  });
});

describe("attack: malformed bodies", () => {
  it.each([
    ["a non-URL issuer", { issuer: "javascript:alert(1)" }, "issuer"],
    ["a domain with an @", { domains: "a@b.example" }, "domains"],
    ["no domain", { domains: " , " }, "domains"],
    ["an unknown acr strength", { acrMap: { godmode: "x" } }, "acrMap"],
    ["an unknown field", { clientSecretBox: "x" }, ""],
  ])("%s is refused as invalid and writes nothing", async (_name, patch, field) => {
    const { org, owner } = await orgWithOwner();
    const refused = await save(owner.ctx, await validInput(org.id, owner.ctx, patch));
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid" } });
    if (field) expect(Object.keys((refused as { error: { fields: object } }).error.fields).join()).toContain(field);
    expect(await db.ssoConnection.count({ where: { orgId: org.id } })).toBe(0);
  });
});
