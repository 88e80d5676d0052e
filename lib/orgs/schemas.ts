import { z } from "zod";

export const ZOrgIdSchema = z.uuid({ error: "That organisation does not exist." });
export const ZCreateOrgSchema = z.object({
  name: z
    .string({ error: "Give the organisation a name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(60, "Keep it under 60 characters."),
});
