// Streams the output of `COPY (…) TO STDOUT` to a web ReadableStream with backpressure:
// rows are pulled from Postgres only as fast as the client reads, so memory stays flat
// whatever the row count. A cancelled download destroys the connection (a COPY cannot be
// abandoned half-way on a pooled connection) and leaves no server state behind.
import "server-only";
import { to as copyTo } from "pg-copy-streams";
import { getPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

const CHUNK_BYTES = 64 * 1024;

export async function copyToStream({ buildSql, label }: { buildSql: (escapeLiteral: (v: string) => string) => string; label: string }) {
  const client = await getPool().connect();
  let released = false;
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    client.release(destroy);
  };
  let source: ReturnType<typeof copyTo>;
  try {
    source = client.query(copyTo(buildSql((v) => client.escapeLiteral(v))));
  } catch (err) {
    release(true);
    throw err;
  }
  const started = Date.now();
  let bytes = 0;
  const iterator = source[Symbol.asyncIterator]();

  // COPY sends one message per row; handing each to the web stream separately costs more
  // than the row itself. Rows are gathered into ~64 KB chunks before they are enqueued.
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const parts: Buffer[] = [];
        let size = 0;
        while (size < CHUNK_BYTES) {
          const { value, done } = await iterator.next();
          if (done) {
            if (size > 0) controller.enqueue(Buffer.concat(parts, size));
            controller.close();
            release(false);
            logger.info({ event: "export.streamed", label, bytes: bytes + size, ms: Date.now() - started }, "export finished");
            return;
          }
          parts.push(value as Buffer);
          size += (value as Buffer).length;
        }
        bytes += size;
        // A Buffer is a Uint8Array: enqueue it as is (new Uint8Array(buf) would copy it again).
        controller.enqueue(Buffer.concat(parts, size));
      } catch (err) {
        release(true);
        logger.error({ event: "export.failed", label, err }, "export stream failed");
        controller.error(new Error("The export failed on our side."));
      }
    },
    cancel() {
      source.destroy();
      release(true);
      logger.info({ event: "export.cancelled", label, bytes }, "export cancelled by the client");
    },
  });
}
