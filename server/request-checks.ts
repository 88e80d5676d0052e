// What the production server refuses before Next sees a request: input Next itself would
// choke on and answer 500 (a "%" that is not an escape in a dynamic segment, an undecodable
// server-action body). Our own code's bad input is answered by our code, with a message; these
// are the cases that never reach it. Every refusal is a 4xx with a short human body.
import type { IncomingMessage } from "node:http";
import { checkActionBody } from "./action-body";

export type Refusal = { status: 400 | 411 | 413; message: string };

// Next's default serverActions.bodySizeLimit (next.config.ts sets none): a larger action
// body would make Next answer 500 rather than 413.
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** Next decodes each path segment with decodeURIComponent and answers 500 when it throws. */
export function checkUrl(url: string | undefined): Refusal | null {
  const pathname = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, message: "Bad request: the address contains a malformed %-escape." };
  }
}

/** Server-action posts: a `next-action` call anywhere, or a multipart form post to a page. */
export function isActionRequest(req: IncomingMessage): { fetchAction: boolean } | null {
  if (req.method !== "POST") return null;
  if (req.headers["next-action"] !== undefined) return { fetchAction: true };
  const multipart = /^multipart\/form-data\b/i.test(req.headers["content-type"] ?? "");
  const page = !(req.url ?? "/").startsWith("/api/");
  return multipart && page ? { fetchAction: false } : null;
}

/**
 * Reads an action body and judges it; the body is put back into the request (see peekBody)
 * so Next reads the very same request. Action calls from React always send Content-Length,
 * which is what says when the whole body has arrived.
 */
export async function checkActionRequest(req: IncomingMessage, { fetchAction }: { fetchAction: boolean }): Promise<Refusal | null> {
  const length = Number(req.headers["content-length"]);
  if (req.headers["content-length"] === undefined || !Number.isSafeInteger(length) || length < 0) {
    return { status: 411, message: "Bad request: a server action call needs a Content-Length." };
  }
  if (length > ACTION_BODY_LIMIT) return { status: 413, message: "Request body too large for a server action (limit 1 MB)." };
  const body = await peekBody(req, length);
  if (!body) return { status: 400, message: "Bad request: the body ended before its Content-Length." };
  const verdict = await checkActionBody({ contentType: req.headers["content-type"] ?? "", body, fetchAction });
  return verdict.ok ? null : { status: 400, message: `Bad request: ${verdict.message}` };
}

/**
 * The whole body, read and at once put back with stream.unshift: in the same tick, because
 * the last read() schedules the 'end' event for the next one, and unshift is refused after
 * 'end'. With the listener gone the stream waits, paused, for Next to read it.
 */
function peekBody(req: IncomingMessage, length: number): Promise<Buffer | null> {
  if (length === 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | null) => {
      req.off("readable", onReadable);
      req.off("end", onEnd);
      req.off("error", onEnd);
      req.off("close", onEnd);
      resolve(result);
    };
    const onEnd = () => done(null);
    const onReadable = () => {
      let chunk: Buffer | null;
      while (size < length && (chunk = req.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size < length) return;
      // Node's parser never hands over more than Content-Length, so this is the whole body.
      const body = Buffer.concat(chunks);
      req.unshift(body);
      done(body);
    };
    req.on("readable", onReadable);
    req.on("end", onEnd);
    req.on("error", onEnd);
    req.on("close", onEnd);
  });
}
