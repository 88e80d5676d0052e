// Reads a request body as text, never holding more than `limitBytes` of it: a declared
// Content-Length over the cap is refused before a byte is read, and a body that streams
// past the cap (chunked, or lying about its length) is cancelled the moment it does.
// `request.text()` would buffer whatever arrives, so an anonymous POST could grow the
// process's memory by the size of its body.
// The text is decoded exactly as `request.text()` decodes it (UTF-8, BOM stripped), so a
// signature computed over the raw payload (Stripe's) verifies the same as before.

export type CappedBody = { ok: true; text: string } | { ok: false; reason: "too_large"; limitBytes: number };

export async function readCappedText(request: Request, { limitBytes }: { limitBytes: number }): Promise<CappedBody> {
  const tooLarge = { ok: false, reason: "too_large", limitBytes } as const;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) {
    await request.body?.cancel().catch(() => {});
    return tooLarge;
  }
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge;
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, text: text + decoder.decode() };
}
