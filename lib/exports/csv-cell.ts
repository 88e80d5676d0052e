// CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @, tab or CR as
// a formula (`-1+cmd|' /C calc'!A0` starts a program). Every TEXT cell starting with one
// of them gets a leading apostrophe, whatever follows: phone numbers like +1-555-… too,
// since "looks like a number" is exactly what the attack exploits. Numbers are written
// from numeric values (never text), so amounts stay numbers and are never prefixed.
// One rule for both CSVs, in two renderings: SQL for the reports CSV (Postgres writes it
// with COPY) and JS for the audit CSV; a test runs both over the same cells.
// Pure: no server-only imports, so unit tests and both writers share it.

export const FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r"] as const;

export function neutraliseText(text: string): string {
  return FORMULA_PREFIXES.some((prefix) => text.startsWith(prefix)) ? `'${text}` : text;
}

// chr(n) rather than quoted characters: no escaping rules to get wrong for tab and CR.
const PREFIXES_SQL = FORMULA_PREFIXES.map((c) => `chr(${c.codePointAt(0)})`).join(", ");

/** neutraliseText as SQL over a text expression. `expr` is the caller's own SQL, never input. */
export function neutralisedTextSql(expr: string): string {
  return `case when left(${expr}, 1) in (${PREFIXES_SQL}) then '''' || ${expr} else ${expr} end`;
}

/** One cell of a JS-written CSV: numbers as numbers, text neutralised, then quoted (RFC 4180). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") return String(value);
  const text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : JSON.stringify(value);
  const safe = neutraliseText(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
