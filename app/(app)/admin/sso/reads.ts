// The SSO settings page's guarded read: declarations only (the body is lib/sso). Admins may
// look (admin.view); only owners change anything (sso.configure, on the actions).
import "server-only";
import { z } from "zod";
import { guardedRead } from "@/lib/guard/guarded-read";
import { viewSsoSettings } from "@/lib/sso/view-sso-settings";

export const ssoSettingsRead = guardedRead("admin.view", z.object({}).strict(), viewSsoSettings);
