// Bundles the sign-in page with esbuild into one folder: index.html, app.js (Amplify JS and the QR library
// included, nothing fetched from elsewhere at run time) and app.css. Usage: node build.mjs <output folder>.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs <output folder>");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.js")],
  outfile: join(out, "app.js"),
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  platform: "browser",
  legalComments: "eof",
  logLevel: "warning",
});
for (const file of ["index.html", "app.css"]) {
  copyFileSync(join(here, "src", file), join(out, file));
}
console.log(`stepwise web page: ${out}/app.js ${statSync(join(out, "app.js")).size} bytes`);
