// Is this server-action body one React can decode, into arguments our actions can read?
// Next answers 500 when decoding a malformed one throws (before any of our code runs), so
// the production server asks this first and answers 400 instead. The format is React's
// reply encoding: a JSON root (the argument list) whose "$"-prefixed strings are typed values
// or references to further parts of a multipart body. We accept what React's client sends
// for the arguments tiergate's actions take (plain JSON, Date, BigInt, FormData, outlined
// objects), every reference pointing at a part that exists and, as React's streaming decoder
// needs, arrived before the root (part 0, which React's client writes last; paths into the
// root itself are fine). The rest is refused: Map and Set, server references, promises,
// streams, iterators, blobs, typed arrays (no action here takes them, and each is a decoder
// path a forged body can make throw), and opaque temporary references ("$T": React's
// stand-in for a value it cannot send, which throws as soon as an action reads it).
//   Pure: no Next imports, so it is unit-testable and runs before Next sees the request.

export type ActionBodyVerdict = { ok: true } | { ok: false; message: string };

/** Multipart fields by name: the first value and its position in the body. */
type Parts = Map<string, { value: string | File; index: number }>;

const NO_PARTS: Parts = new Map();
// Tags that decode inline and never throw: escaped "$", undefined, Infinity, -0/-Infinity,
// NaN, Date, a hole ("$H"), FormData (an empty one if no part matches).
const INLINE = new Set(["$", "u", "I", "-", "N", "D", "H", "K"]);
const HEX = /^[0-9a-f]+$/; // React writes part ids in lowercase hex; "$A…"/"$B…" are typed arrays and blobs

const refuse = (message: string): ActionBodyVerdict => ({ ok: false, message });

/**
 * @param fetchAction the request carried a `next-action` header (a client-side call); else it
 *   is a multipart form post to a page that Next probes for a progressively enhanced action.
 */
export async function checkActionBody({
  contentType,
  body,
  fetchAction,
}: {
  contentType: string;
  body: Buffer;
  fetchAction: boolean;
}): Promise<ActionBodyVerdict> {
  try {
    if (!/^multipart\/form-data\b/i.test(contentType)) {
      if (!fetchAction) return { ok: true }; // not an action at all: the page answers it
      return checkReply({ root: body.toString("utf8"), parts: NO_PARTS, prefix: "" });
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    } catch {
      return refuse("The form data could not be read.");
    }
    const parts: Parts = new Map();
    for (const [name, value] of form.entries()) if (!parts.has(name)) parts.set(name, { value, index: parts.size });
    if (fetchAction) return checkReply({ root: parts.get("0")?.value ?? null, parts, prefix: "" });
    // A form post: each "$ACTION_REF_<n>" names bound arguments under the prefix "$ACTION_<n>:".
    for (const key of parts.keys()) {
      const ref = /^\$ACTION_REF_(\d+)$/.exec(key);
      if (!ref) continue;
      const prefix = `$ACTION_${ref[1]}:`;
      const verdict = checkReply({ root: parts.get(`${prefix}0`)?.value ?? null, parts, prefix, rootIsObject: true });
      if (!verdict.ok) return verdict;
    }
    return { ok: true };
  } catch {
    // Anything the walk itself cannot handle (say, nesting deep enough to exhaust the stack).
    return refuse("The request body is not a valid server action call.");
  }
}

function checkReply({
  root,
  parts,
  prefix,
  rootIsObject = false,
}: {
  root: string | File | null;
  parts: Parts;
  prefix: string;
  rootIsObject?: boolean;
}): ActionBodyVerdict {
  if (typeof root !== "string") return refuse("The server action call has no arguments part.");
  const parsed = parseJson(root);
  if (!parsed.ok) return refuse("The server action arguments are not valid JSON.");
  if (rootIsObject ? typeof parsed.value !== "object" || parsed.value === null : !Array.isArray(parsed.value)) {
    return refuse("The server action arguments must be a list.");
  }
  const checked = new Map<number, unknown>([[0, parsed.value]]);
  const at = parts.get(`${prefix}0`)?.index ?? Infinity;
  const problem = walk(parsed.value, { parts, prefix, checked, at });
  return problem ? refuse(problem) : { ok: true };
}

/** `at`: the root's position. React decodes the root as it arrives, so all it reaches must be in by then. */
type Walk = { parts: Parts; prefix: string; checked: Map<number, unknown>; at: number };

/** The first problem found, or null. */
function walk(value: unknown, ctx: Walk): string | null {
  if (typeof value === "string") return value.startsWith("$") ? checkTagged(value, ctx) : null;
  if (typeof value !== "object" || value === null) return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const problem = walk(item, ctx);
    if (problem) return problem;
  }
  return null;
}

function checkTagged(value: string, ctx: Walk): string | null {
  const tag = value[1] ?? "";
  if (INLINE.has(tag)) return null;
  if (tag === "n") return /^-?\d{1,300}$/.test(value.slice(2)) ? null : `"${value.slice(0, 40)}" is not a valid BigInt argument.`;
  if (HEX.test(tag)) return checkReference(value.slice(1), ctx);
  return `Server action arguments of type "$${tag}" are not accepted.`;
}

/** "<hex id>[:key:key…]": the part must exist, be JSON (itself checked) and hold the path. */
function checkReference(reference: string, ctx: Walk): string | null {
  const [hex = "", ...path] = reference.split(":");
  if (!HEX.test(hex)) return "A server action argument refers to a malformed part.";
  const id = parseInt(hex, 16);
  if (!ctx.checked.has(id)) {
    const part = ctx.parts.get(`${ctx.prefix}${id}`);
    if (!part || typeof part.value !== "string") return "A server action argument refers to a part that is missing.";
    if (part.index > ctx.at) return "A server action argument refers to a part that comes after the arguments.";
    const parsed = parseJson(part.value);
    if (!parsed.ok) return "A server action argument part is not valid JSON.";
    ctx.checked.set(id, parsed.value); // before walking it: a part may refer to itself
    const problem = walk(parsed.value, ctx);
    if (problem) return problem;
  }
  let node = ctx.checked.get(id);
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key))
      return "A server action argument refers to a path that does not exist.";
    node = (node as Record<string, unknown>)[key];
    if (typeof node === "string" && node.startsWith("$")) return "A server action argument's path runs through a reference.";
  }
  return null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
