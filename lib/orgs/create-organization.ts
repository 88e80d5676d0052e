// Creates an organisation with its first owner. Slugs are unique; a clash gets a suffix.
import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";

export function slugify(name: string) {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "org";
}

export async function createOrganization({ tx, name, ownerId, personal }: { tx: Db; name: string; ownerId: string; personal: boolean }) {
  const slug = `${slugify(name)}-${crypto.randomBytes(3).toString("hex")}`;
  return tx.organization.create({
    data: { name, slug, personal, memberships: { create: { userId: ownerId, role: "owner" } } },
  });
}
