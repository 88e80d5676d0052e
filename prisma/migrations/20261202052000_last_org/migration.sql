-- The last organisation remembered (issue 17): a member of several orgs signs in to the one
-- they last switched to, not their personal workspace. Nullable, so it applies to yesterday's
-- rows as "nothing remembered" (they land in the personal org, as before). The membership is
-- checked at every sign-in (lib/auth/landing-org.ts), so a membership that ended is never
-- restored; a deleted org is forgotten (SET NULL), and the index serves that delete's lookup.
ALTER TABLE "User" ADD COLUMN "lastOrgId" UUID;
CREATE INDEX "User_lastOrgId_idx" ON "User"("lastOrgId");
ALTER TABLE "User" ADD CONSTRAINT "User_lastOrgId_fkey" FOREIGN KEY ("lastOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
