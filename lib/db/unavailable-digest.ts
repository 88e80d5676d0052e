// The digest a page's error boundary (app/error.tsx, a client component) recognises as
// "the database is busy or unreachable". Next keeps an error's own `digest` when it sends a
// server component's failure to the browser (it strips the message in production);
// lib/db/client.ts tags connection failures with it. Not server-only: the browser needs it.
export const UNAVAILABLE_DIGEST = "TIERGATE_DB_UNAVAILABLE";
