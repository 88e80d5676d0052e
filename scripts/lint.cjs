// `npm run lint`: ESLint over the tree with zero warnings allowed.
// typescript-eslint (inside eslint-config-next) refuses TypeScript 7, the compiler this
// project type-checks with, and asks to be run "side by side" on the TypeScript 6 API.
// So the `typescript6` dev dependency (npm:typescript@6) is what `require("typescript")`
// resolves to for the packages ESLint loads (this process runs nothing else); `tsc` and Next keep TypeScript 7.
const Module = require("node:module");
const path = require("node:path");

const ts6 = require.resolve("typescript6");
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "typescript" && parent?.filename && /[\\/]node_modules[\\/]/.test(parent.filename)) {
    return ts6;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

process.argv.splice(2, 0, ".", "--max-warnings=0");
require(path.join(path.dirname(require.resolve("eslint/package.json")), "bin", "eslint.js"));
