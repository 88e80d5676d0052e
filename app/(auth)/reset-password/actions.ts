"use server";
import { publicAction } from "@/lib/guard/session-action";
import { resetPassword } from "@/lib/auth/reset-password";

export const resetPasswordAction = publicAction("auth.resetPassword", resetPassword);
