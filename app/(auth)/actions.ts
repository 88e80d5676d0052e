"use server";
// Account server actions that need no session: sign-up. (Sign-in/out go through next-auth.)
import { signUp } from "@/lib/auth/sign-up";
import { withServerErrors } from "@/lib/actions/handle-server-error";

export async function signUpAction(input: { name: string; email: string; password: string }) {
  return withServerErrors("auth.signUp", () => signUp(input));
}
