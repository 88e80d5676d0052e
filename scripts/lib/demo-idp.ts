// A real OpenID provider (panva's oidc-provider) on loopback, for the tests and for the demo
// IdP `npm run dev` gives Enterprise Co. DEV-ONLY DEFAULTS, on purpose: the in-memory adapter
// (every login and grant is gone when it stops), oidc-provider's quick-start signing keys
// (published in its source: anyone can sign for this issuer) and cookie keys of its own. Never
// point a production connection at it. What it adds for the tests:
//   - its own login page (no consent step: the client is first-party) where the person
//     picks the `acr` this login yields, so a test can prove "acr below the rule";
//   - PKCE required for every client;
//   - `ignoreMaxAge`: the switch that makes it behave like an IdP that silently ignores
//     `max_age` (and the `prompt=login` sent with it) and answers from the SSO session it
//     already has, with the old `auth_time` — what tiergate must refuse.
import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";
import { freePort } from "./free-port";

export type DemoIdpUser = { sub: string; email: string; emailVerified: boolean; name: string; password: string };
export type DemoIdpClient = { clientId: string; clientSecret: string; redirectUris: string[] };

/** The acr values the demo IdP can issue, weakest first (a connection maps them onto strengths). */
export const DEMO_ACR_VALUES = ["urn:tiergate:demo:pwd", "urn:tiergate:demo:mfa", "urn:tiergate:demo:phr"] as const;
export const DEMO_IDP_PASSWORD = "idp-demo";
/** The client the launcher registers for the dev app (lib/seed/demo-sso.ts seeds its connection). */
export const DEMO_SSO_CLIENT = { clientId: "tiergate-demo", clientSecret: "tiergate-demo-idp-secret-dev-only" };

export const DEMO_IDP_USERS: DemoIdpUser[] = [
  { sub: "idp-ada", email: "ada@enterprise.example", emailVerified: true, name: "Ada (IdP)", password: DEMO_IDP_PASSWORD },
  { sub: "idp-grace", email: "grace@enterprise.example", emailVerified: true, name: "Grace (IdP)", password: DEMO_IDP_PASSWORD },
  {
    sub: "idp-unverified",
    email: "unverified@enterprise.example",
    emailVerified: false,
    name: "Unverified (IdP)",
    password: DEMO_IDP_PASSWORD,
  },
];

export type RunningIdp = {
  issuer: string;
  /** Make it ignore max_age and prompt=login (answer from its existing session). */
  setIgnoreMaxAge: (ignore: boolean) => void;
  /** Add a user at run time (a person the org has not seen yet). */
  addUser: (user: DemoIdpUser) => void;
  stop: () => Promise<void>;
};

export async function startDemoIdp({
  port,
  clients,
  users = DEMO_IDP_USERS,
}: {
  /** 0 or omitted: a free port. */
  port?: number;
  clients: DemoIdpClient[];
  users?: DemoIdpUser[];
}): Promise<RunningIdp> {
  const listenPort = port || (await freePort());
  const issuer = `http://127.0.0.1:${listenPort}`;
  const people = new Map(users.map((u) => [u.sub, { ...u }]));
  let ignoreMaxAge = false;

  const provider = new Provider(issuer, configuration({ clients, people }));
  // Loopback http: cookies would otherwise be refused as insecure behind no proxy.
  provider.proxy = false;
  const handle = provider.callback();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      void interaction({ provider, people, req, res, uid: url.pathname.split("/")[2] ?? "" }).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String((err as Error)?.message ?? err));
      });
      return;
    }
    // The same switch from outside the process, for the e2e run's server-started IdP
    // (tests/e2e/sso.spec.ts): POST /demo/ignore-max-age?on=1|0. Loopback, dev-only like the rest.
    if (url.pathname === "/demo/ignore-max-age" && req.method === "POST") {
      ignoreMaxAge = url.searchParams.get("on") === "1";
      res.statusCode = 204;
      res.end();
      return;
    }
    // And a person the IdP knows, with the demo password and a verified address, for a spec's
    // own domain: POST /demo/users?email=…&name=… (the e2e run's IdP is another process).
    if (url.pathname === "/demo/users" && req.method === "POST") {
      const email = url.searchParams.get("email")?.trim().toLowerCase() ?? "";
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
        res.statusCode = 400;
        res.end("email=… is required");
        return;
      }
      const name = url.searchParams.get("name")?.slice(0, 100) || email.split("@")[0]!;
      people.set(`idp-${email}`, { sub: `idp-${email}`, email, emailVerified: true, name, password: DEMO_IDP_PASSWORD });
      res.statusCode = 204;
      res.end();
      return;
    }
    if (ignoreMaxAge && url.pathname === "/auth") {
      url.searchParams.delete("max_age");
      if (url.searchParams.get("prompt") === "login") url.searchParams.delete("prompt");
      req.url = url.pathname + url.search;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    setIgnoreMaxAge: (ignore) => {
      ignoreMaxAge = ignore;
    },
    addUser: (user) => {
      people.set(user.sub, { ...user });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function configuration({ clients, people }: { clients: DemoIdpClient[]; people: Map<string, DemoIdpUser> }): Configuration {
  return {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // Every ID token says when the person authenticated, asked for or not.
      require_auth_time: true,
    })),
    pkce: { required: () => true },
    acrValues: [...DEMO_ACR_VALUES],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    // Email and name in the ID token itself (not only at userinfo), as Okta, Entra and Google do.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["demo-idp-dev-only-cookie-key"] },
    ttl: {
      Session: 24 * 60 * 60,
      Interaction: 60 * 60,
      Grant: 24 * 60 * 60,
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
    },
    // First-party client: every scope it asks for is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client!.clientId;
      const accountId = ctx.oidc.session!.accountId!;
      const existing = ctx.oidc.session!.grantIdFor(clientId);
      const grant = (existing && (await ctx.oidc.provider.Grant.find(existing))) || new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: person.email, email_verified: person.emailVerified, name: person.name }),
      };
    },
  };
}

/** The login page: email, password and the acr this login yields. GET shows it, POST finishes it. */
async function interaction({
  provider,
  people,
  req,
  res,
  uid,
}: {
  provider: Provider;
  people: Map<string, DemoIdpUser>;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  uid: string;
}) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const requestedAcr = String(details.params.acr_values ?? "").split(" ")[0] || DEMO_ACR_VALUES[0];
  if (req.method !== "POST") return page(res, { uid, requestedAcr, error: null });

  const form = new URLSearchParams(await readBody(req));
  const email = (form.get("email") ?? "").trim().toLowerCase();
  const person = [...people.values()].find((p) => p.email === email);
  if (!person || form.get("password") !== person.password)
    return page(res, { uid, requestedAcr, error: "Unknown email or wrong password." });
  const acr = (DEMO_ACR_VALUES as readonly string[]).includes(form.get("acr") ?? "") ? form.get("acr")! : DEMO_ACR_VALUES[0];
  await provider.interactionFinished(req, res, { login: { accountId: person.sub, acr } }, { mergeWithLastSubmission: false });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error("body too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: http.ServerResponse, { uid, requestedAcr, error }: { uid: string; requestedAcr: string; error: string | null }) {
  const options = DEMO_ACR_VALUES.map(
    (acr) => `<option value="${acr}"${acr === requestedAcr ? " selected" : ""}>${acr.split(":").pop()}</option>`,
  ).join("");
  res.statusCode = error ? 401 : 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Demo IdP sign-in</title><style>body{font-family:system-ui;max-width:24rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.75rem 0 .25rem}input,select,button{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem}p.err{color:#b00020}small{color:#555}</style></head><body>
<h1>Demo IdP</h1><p><small>Development identity provider — not for production.</small></p>
${error ? `<p class="err" role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="acr">Authentication level (acr)</label><select id="acr" name="acr">${options}</select>
<button type="submit">Sign in</button></form></body></html>`);
}
