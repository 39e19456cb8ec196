#!/usr/bin/env bash
# A copy of dist/ whose wasm keeps its function names, for profiles that say
# which Rust functions the time goes to (bench/profile.mjs). Run after
# `./dev build`; writes target/bench/profile-dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=target/bench/profile-dist
rm -rf "$out" && cp -r dist "$out"
js=$(cd "$out" && ls cca-atlas-*.js | head -1)
stem=${js%.js}
tmp=$(mktemp -d)
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$tmp" --out-name "$stem" \
  target/wasm32-unknown-unknown/release/cca-atlas.wasm
cp "$tmp/$stem.js" "$out/$js"
cp "$tmp/${stem}_bg.wasm" "$out/${stem}_bg.wasm"
rm -rf "$tmp"
# The named build differs from the hashed one: drop the integrity checks.
sed -i -E 's/ integrity="[^"]*"//g' "$out/index.html"
echo "$out"
