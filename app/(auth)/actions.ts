"use server";
// Account actions that need no session: sign-up. (Sign-in/out go through next-auth.)
import { publicAction } from "@/lib/guard/session-action";
import { signUp } from "@/lib/auth/sign-up";

export const signUpAction = publicAction("auth.signUp", signUp);
