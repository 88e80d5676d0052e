"use server";
import { publicAction } from "@/lib/guard/session-action";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";

export const requestPasswordResetAction = publicAction("auth.requestPasswordReset", requestPasswordReset);
