// The one place unexpected errors from server actions go: logged with the request id,
// turned into a safe, human message. Expected refusals never reach here (they are values).
import "server-only";
import crypto from "node:crypto";
import { logger } from "@/lib/log";
import type { ActionResult } from "@/lib/action-result";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";

export async function withServerErrors<T>(name: string, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (err) {
    // Next uses thrown errors for redirect()/notFound(); let those through.
    if (err && typeof err === "object" && "digest" in err && String((err as { digest: unknown }).digest).startsWith("NEXT_")) {
      throw err;
    }
    // A busy, frozen or unreachable database: say so, so the person knows a retry may work.
    if (isDatabaseUnavailable(err)) {
      logger.warn({ event: "action.db_unavailable", action: name, err }, "server action: database unavailable");
      return { ok: false, error: { kind: "error", message: UNAVAILABLE_MESSAGE } };
    }
    const errorId = crypto.randomUUID().slice(0, 8);
    logger.error({ event: "action.failed", action: name, errorId, err }, "server action failed");
    return {
      ok: false,
      error: { kind: "error", message: `Something went wrong on our side. Please try again (reference ${errorId}).` },
    };
  }
}
