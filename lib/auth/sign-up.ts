// Sign-up: a user, their personal organisation and the owner membership, all or nothing.
import "server-only";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { ZSignUpSchema } from "@/lib/auth/schemas";
import { createOrganization } from "@/lib/orgs/create-organization";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

export async function signUp(input: unknown): Promise<ActionResult<{ userId: string; orgId: string }>> {
  const parsed = ZSignUpSchema.safeParse(input);
  if (!parsed.success) return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  const { name, email, password } = parsed.data;

  const passwordHash = await hashPassword(password);
  try {
    const result = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } });
      const org = await createOrganization({ tx, name: `${name}'s workspace`, ownerId: user.id, personal: true });
      return { userId: user.id, orgId: org.id };
    });
    logger.info({ event: "user.signed_up", userId: result.userId }, "user signed up");
    return ok(result);
  } catch (err) {
    // Sign-up necessarily tells the person an address is taken (the unique index decides,
    // so two concurrent sign-ups cannot both win). Sign-in never reveals it.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return refuse(invalid({ email: "An account with this email already exists. Sign in instead." }));
    }
    throw err;
  }
}
