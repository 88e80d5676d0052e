"use server";
import { publicAction } from "@/lib/guard/session-action";
import { secureAccount } from "@/lib/auth/not-me";

export const secureAccountAction = publicAction("auth.notMe", secureAccount);
