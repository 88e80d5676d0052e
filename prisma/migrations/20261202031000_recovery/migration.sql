-- Recovery and factor management (issue 14): recovery codes, the factor-replacement
-- permission a spent code gives one session, and the "this wasn't me" links of security
-- notices. New tables only: yesterday's database gains them empty (accounts that already
-- have a passkey get their codes by regenerating, which the account page offers).

CREATE TABLE "RecoveryCode" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "FactorReplacement" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "recoveryCodeId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedFor" TEXT,

    CONSTRAINT "FactorReplacement_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "FactorReplacement_sessionId_idx" ON "FactorReplacement"("sessionId");
CREATE INDEX "FactorReplacement_userId_idx" ON "FactorReplacement"("userId");
ALTER TABLE "FactorReplacement" ADD CONSTRAINT "FactorReplacement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FactorReplacement" ADD CONSTRAINT "FactorReplacement_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FactorReplacement" ADD CONSTRAINT "FactorReplacement_recoveryCodeId_fkey" FOREIGN KEY ("recoveryCodeId") REFERENCES "RecoveryCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The closed set lib/factors/replacement-permission.ts writes (ReplacementUse).
ALTER TABLE "FactorReplacement" ADD CONSTRAINT "FactorReplacement_usedFor_check" CHECK ("usedFor" IN ('passkey', 'totp'));

CREATE TABLE "NotMeToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "NotMeToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "NotMeToken_tokenHash_key" ON "NotMeToken"("tokenHash");
CREATE INDEX "NotMeToken_userId_idx" ON "NotMeToken"("userId");
ALTER TABLE "NotMeToken" ADD CONSTRAINT "NotMeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
