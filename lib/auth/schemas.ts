// Input schemas for accounts. Limits are deliberate: 256 characters caps the cost of hashing
// (a 10 MB password is refused before argon2 sees it).
import { z } from "zod";

export const ZEmailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const ZPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(1, "Enter a password.")
  .max(256, "Passwords can be at most 256 characters.");

export const ZNewPasswordSchema = ZPasswordSchema.refine((p) => p.length >= 10, {
  message: "Use at least 10 characters.",
});

export const ZSignUpSchema = z.object({
  name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
  email: ZEmailSchema,
  password: ZNewPasswordSchema,
});
export type SignUpInput = z.infer<typeof ZSignUpSchema>;

export const ZSignInSchema = z.object({ email: ZEmailSchema, password: ZPasswordSchema });
