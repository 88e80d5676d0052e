import { z } from "zod";

export const ZCreateApiKeySchema = z.object({
  name: z.string({ error: "Name the key." }).trim().min(1, "Name the key.").max(64, "Keep the name under 64 characters."),
});
export const ZRevokeApiKeySchema = z.object({ apiKeyId: z.uuid({ error: "That key does not exist." }) });
