// The API keys page's guarded read (apiKeys.view): declarations only.
import "server-only";
import { z } from "zod";
import { guardedRead } from "@/lib/guard/guarded-read";
import { viewApiKeys } from "@/lib/api-keys/view-api-keys";

export const apiKeysRead = guardedRead("apiKeys.view", z.object({}).strict(), viewApiKeys);
