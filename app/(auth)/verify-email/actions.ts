"use server";
import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/guard/session-action";
import { verifyEmail } from "@/lib/auth/verify-email";
import { resendVerification } from "@/lib/auth/resend-verification";

export const verifyEmailAction = sessionAction("auth.verifyEmail", verifyEmail, { after: () => revalidatePath("/", "layout") });
export const resendVerificationAction = sessionAction("auth.resendVerification", resendVerification);
