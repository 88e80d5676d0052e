-- Running export downloads, counted for the per-user and per-org caps (new table: no
-- existing rows to carry over).
CREATE TABLE "ExportLease" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportLease_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ExportLease_userId_expiresAt_idx" ON "ExportLease"("userId", "expiresAt");
CREATE INDEX "ExportLease_orgId_expiresAt_idx" ON "ExportLease"("orgId", "expiresAt");
