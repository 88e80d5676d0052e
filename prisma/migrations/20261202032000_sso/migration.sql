-- Enterprise SSO over OpenID Connect (issue 15): one connection per org, the email domains
-- it serves, the IdP subjects linked to users, and the trips to the IdP (sign-in and step-up).
-- New tables only, plus three nullable Session columns: yesterday's rows need no backfill.

CREATE TABLE "SsoConnection" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretBox" TEXT NOT NULL,
    "acrMap" JSONB NOT NULL DEFAULT '{}',
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SsoConnection_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SsoConnection_orgId_key" ON "SsoConnection"("orgId");
ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The map is an object (strength → acr), never an array or a scalar.
ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_acrMap_is_object" CHECK (jsonb_typeof("acrMap") = 'object');

-- The primary key is what refuses a domain claimed by two orgs; stored lower-case.
CREATE TABLE "SsoDomain" (
    "domain" TEXT NOT NULL,
    "connectionId" UUID NOT NULL,

    CONSTRAINT "SsoDomain_pkey" PRIMARY KEY ("domain")
);
CREATE INDEX "SsoDomain_connectionId_idx" ON "SsoDomain"("connectionId");
ALTER TABLE "SsoDomain" ADD CONSTRAINT "SsoDomain_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoDomain" ADD CONSTRAINT "SsoDomain_domain_lower_case" CHECK ("domain" = lower("domain"));

CREATE TABLE "SsoIdentity" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoIdentity_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SsoIdentity_connectionId_subject_key" ON "SsoIdentity"("connectionId", "subject");
CREATE UNIQUE INDEX "SsoIdentity_connectionId_userId_key" ON "SsoIdentity"("connectionId", "userId");
ALTER TABLE "SsoIdentity" ADD CONSTRAINT "SsoIdentity_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoIdentity" ADD CONSTRAINT "SsoIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SsoAttempt" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "bindingHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "sessionId" UUID,
    "actionId" TEXT,
    "maxAge" INTEGER,
    "acr" TEXT,
    "returnTo" TEXT NOT NULL DEFAULT '/',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "ticketHash" TEXT,
    "ticketUserId" UUID,
    "ticketSubject" TEXT,
    "ticketAuthTime" TIMESTAMP(3),
    "ticketUsedAt" TIMESTAMP(3),

    CONSTRAINT "SsoAttempt_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SsoAttempt_stateHash_key" ON "SsoAttempt"("stateHash");
CREATE UNIQUE INDEX "SsoAttempt_ticketHash_key" ON "SsoAttempt"("ticketHash");
CREATE INDEX "SsoAttempt_connectionId_idx" ON "SsoAttempt"("connectionId");
CREATE INDEX "SsoAttempt_sessionId_idx" ON "SsoAttempt"("sessionId");
CREATE INDEX "SsoAttempt_ticketUserId_idx" ON "SsoAttempt"("ticketUserId");
CREATE INDEX "SsoAttempt_expiresAt_idx" ON "SsoAttempt"("expiresAt");
ALTER TABLE "SsoAttempt" ADD CONSTRAINT "SsoAttempt_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoAttempt" ADD CONSTRAINT "SsoAttempt_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoAttempt" ADD CONSTRAINT "SsoAttempt_ticketUserId_fkey" FOREIGN KEY ("ticketUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The closed set lib/sso/attempts.ts writes (SsoPurpose); a step-up names its session
-- (constraints not named *_check are rules, not closed sets: schema-integrity reads those).
ALTER TABLE "SsoAttempt" ADD CONSTRAINT "SsoAttempt_purpose_check" CHECK ("purpose" IN ('sign_in', 'step_up'));
ALTER TABLE "SsoAttempt" ADD CONSTRAINT "SsoAttempt_step_up_has_session" CHECK ("purpose" <> 'step_up' OR "sessionId" IS NOT NULL);

ALTER TABLE "Session" ADD COLUMN "ssoConnectionId" UUID,
    ADD COLUMN "ssoSubject" TEXT,
    ADD COLUMN "ssoAuthTime" TIMESTAMP(3);
ALTER TABLE "Session" ADD CONSTRAINT "Session_ssoConnectionId_fkey" FOREIGN KEY ("ssoConnectionId") REFERENCES "SsoConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
