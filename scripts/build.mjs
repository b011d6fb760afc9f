// Bundles the CLI (and, once present, the GitHub Action and the benchmark) into single ESM files.
import { build } from "esbuild";
import { existsSync } from "node:fs";

const entries = [
  { in: "src/cli/main.ts", out: "orgctl" },
  { in: "src/action/main.ts", out: "action" },
  { in: "bench/main.ts", out: "bench" },
].filter((e) => existsSync(e.in));

await build({
  entryPoints: entries,
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // Bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
