// GET /api/v1/license's body (license.view): the org's name and slug beside the license the
// guard just read. The bench's unguarded twin of the route runs this same body.
import "server-only";
import { toLicenseResponse, type LicenseResponse } from "@/lib/licensing/license-response";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";

export async function viewLicense({
  ctx,
  tx,
  license,
}: Pick<GuardedBodyArgs<unknown>, "ctx" | "tx" | "license">): Promise<LicenseResponse> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { id: true, name: true, slug: true } });
  return toLicenseResponse({ org, license });
}
