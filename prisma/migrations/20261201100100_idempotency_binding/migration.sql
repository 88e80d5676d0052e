-- Idempotency records are bound to the org and a hash of the validated input, and expire
-- after 24 h (the sweeper prunes them).
ALTER TABLE "IdempotencyRecord" ADD COLUMN "orgId" UUID,
ADD COLUMN "inputHash" TEXT,
ADD COLUMN "expiresAt" TIMESTAMP(3);

-- Yesterday's records: the org comes from the holder (the session's org, the key's org). Their
-- input was never hashed, so they get a hash no input can have: a retry with one of these keys
-- is refused as `invalid` — never run a second time, never answered with the stored result.
UPDATE "IdempotencyRecord" r SET "orgId" = s."currentOrgId"
FROM "Session" s WHERE r.scope = 'session:' || s.id::text;
UPDATE "IdempotencyRecord" r SET "orgId" = k."orgId"
FROM "ApiKey" k WHERE r.scope = 'api_key:' || k.id::text;
DELETE FROM "IdempotencyRecord" WHERE "orgId" IS NULL;
UPDATE "IdempotencyRecord" SET "inputHash" = 'unbound', "expiresAt" = "createdAt" + interval '24 hours';

ALTER TABLE "IdempotencyRecord" ALTER COLUMN "orgId" SET NOT NULL,
ALTER COLUMN "inputHash" SET NOT NULL,
ALTER COLUMN "expiresAt" SET NOT NULL;

CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");
