// The one rule for a report's date range, shared by the read's schema (the decision) and the
// filter form (which only spares a round trip). Kept free of zod: the form is browser code,
// and zod's compiled fast path probes `new Function`, which the page's CSP refuses.
export const DATES_OUT_OF_ORDER = "The end date is before the start date.";

/** ISO dates (YYYY-MM-DD) compare as strings; a missing end is an open range. */
export function datesOutOfOrder({ from, to }: { from?: string; to?: string }): boolean {
  return Boolean(from && to && from > to);
}
