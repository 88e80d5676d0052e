// The only redirect targets after sign-in are paths on our own origin (no open redirects).
// The value is resolved against APP_URL exactly as a browser would and must stay on that
// origin. Browsers silently drop tabs and newlines from URLs and read "\" as "/", so
// "/\t/evil.example" becomes "//evil.example": any control character or backslash, raw or
// percent-encoded, is refused outright rather than cleaned. Refusals fall back, never throw
// (a raw newline would otherwise reach a Location header and fail the response).
import "server-only";
import { env } from "@/lib/env";

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

export function safeCallbackUrl(value: string | null | undefined, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value === "" || value.length > 2048 || UNSAFE.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback; // malformed percent-encoding
  }
  if (UNSAFE.test(decoded)) return fallback;
  const origin = env().origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  // "/.//evil.example" resolves to the pathname "//evil.example": same origin here, but a
  // protocol-relative URL once handed back as a path.
  if (url.origin !== origin || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
