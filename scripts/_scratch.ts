import { startEmbeddedPostgres } from "/work/main/scripts/lib/embedded-postgres";
const pg = await startEmbeddedPostgres({ dataDir: "/tmp/scratch-pg", port: 55432, quiet: false });
await pg.createDatabase("scratch");
console.log("READY", pg.url("scratch"));
setInterval(() => {}, 1 << 30);
