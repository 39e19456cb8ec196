// Trunk post-build hook: puts the SHA-256 of each inline <script> of the
// staged index.html into its Content-Security-Policy, in place of the
// placeholder 'sha256-TRUNK_INLINE_SCRIPTS'. Trunk writes one inline module
// script (its wasm loader) whose text changes with every build's file hashes,
// so the hash can only be known after the build. Fails the build if the
// placeholder or the scripts are missing, so a broken policy never ships.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const PLACEHOLDER = "'sha256-TRUNK_INLINE_SCRIPTS'";
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const file = join(dir, "index.html");
const html = await readFile(file, "utf8");
if (!html.includes(PLACEHOLDER)) throw new Error(`${file} has no ${PLACEHOLDER} in its policy`);
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) throw new Error(`${file} has no inline script to allow`);
const hashes = inline.map((text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
await writeFile(file, html.replace(PLACEHOLDER, hashes.join(" ")));
console.log(`csp-hash: allowed ${hashes.length} inline script(s)`);
