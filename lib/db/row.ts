// Rows of raw statements, read column by column. A statement's mapper turns each raw row
// into its domain type through these readers, which check the value they find: a renamed
// column, a changed type or a missing alias fails at the statement that returned it (and
// tests/integration/db/every-statement-runs.test.ts runs every statement), instead of
// travelling on as `undefined` behind an `as Row[]`. Each check is one `typeof` or
// `instanceof`, cheap next to the round trip.
export type RawRow = { readonly [column: string]: unknown };

export class RowShapeError extends Error {
  constructor(column: string, expected: string, value: unknown) {
    super(`Column "${column}": expected ${expected}, got ${value === null ? "null" : typeof value}`);
    this.name = "RowShapeError";
  }
}

function isRow(value: unknown): value is RawRow {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every row of a raw query result, through `map`. */
export function mapRows<T>(result: unknown, map: (row: RawRow) => T): T[] {
  if (!Array.isArray(result)) throw new RowShapeError("(result)", "an array of rows", result);
  return result.map((row: unknown) => {
    if (!isRow(row)) throw new RowShapeError("(row)", "an object", row);
    return map(row);
  });
}

/** The first row through `map`, or null when the statement returned none. */
export function firstRow<T>(result: unknown, map: (row: RawRow) => T): T | null {
  return mapRows(result, map)[0] ?? null;
}

/** The one row a statement always returns (an aggregate, a one-row SELECT). */
export function onlyRow<T>(result: unknown, map: (row: RawRow) => T): T {
  const row = firstRow(result, map);
  if (row === null) throw new RowShapeError("(result)", "one row", null);
  return row;
}

function check<T>(row: RawRow, name: string, expected: string, ok: (v: unknown) => v is T): T {
  const value = row[name];
  if (!ok(value)) throw new RowShapeError(name, expected, value);
  return value;
}
const isString = (v: unknown): v is string => typeof v === "string";
const isDate = (v: unknown): v is Date => v instanceof Date;
const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isInt = (v: unknown): v is number | bigint => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const orNull =
  <T>(ok: (v: unknown) => v is T) =>
  (v: unknown): v is T | null =>
    v === null || ok(v);

/** Typed readers for one column of a raw row; `…OrNull` accepts SQL NULL. */
export const col = {
  text: (row: RawRow, name: string) => check(row, name, "text", isString),
  textOrNull: (row: RawRow, name: string) => check(row, name, "text or null", orNull(isString)),
  date: (row: RawRow, name: string) => check(row, name, "a timestamp", isDate),
  dateOrNull: (row: RawRow, name: string) => check(row, name, "a timestamp or null", orNull(isDate)),
  bool: (row: RawRow, name: string) => check(row, name, "a boolean", isBool),
  boolOrNull: (row: RawRow, name: string) => check(row, name, "a boolean or null", orNull(isBool)),
  /** An integer column or count (int4 arrives as number, int8 as bigint), as a number. */
  int: (row: RawRow, name: string) => Number(check(row, name, "an integer", isInt)),
  intOrNull: (row: RawRow, name: string) => {
    const v = check(row, name, "an integer or null", orNull(isInt));
    return v === null ? null : Number(v);
  },
  /** An int8 kept exact (a passkey's signature counter). */
  bigint: (row: RawRow, name: string) => BigInt(check(row, name, "an integer", isInt)),
  bytes: (row: RawRow, name: string) => check(row, name, "bytes", isBytes),
  textArrayOrNull: (row: RawRow, name: string) => check(row, name, "a text[] or null", orNull(isStrings)),
  /** A json/jsonb value as parsed by the driver; its shape is the caller's to validate. */
  json: (row: RawRow, name: string): unknown => {
    if (!(name in row)) throw new RowShapeError(name, "a json value", undefined);
    return row[name];
  },
};
