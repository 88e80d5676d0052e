// Absolute links that go into mail: always from APP_URL (lib/env.ts), never from a request's
// Host header, so a forged Host cannot make tiergate mail a link to someone else's server.
import "server-only";
import { env } from "@/lib/env";

const at = (path: string) => new URL(path, env().origin).toString();

export const mailLinks = {
  signIn: () => at("/sign-in"),
  forgotPassword: () => at("/forgot-password"),
  verifyEmail: (token: string) => at(`/verify-email/${token}`),
  resetPassword: (token: string) => at(`/reset-password/${token}`),
  notMe: (token: string) => at(`/not-me/${token}`),
};
