#!/usr/bin/env bash
# A copy of dist/ whose wasm bundles (the app, the first map and the import
# worker) keep their function names, for profiles that say which Rust
# functions the time goes to (bench/profile.mjs). Run after `./dev build`; writes
# target/bench/profile-dist/. Its files differ from the hashed ones, so the
# copy drops the integrity checks and the Content-Security-Policy (whose
# script hashes cover the integrity values): for profiling only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=target/bench/profile-dist
mkdir -p target/bench
rm -rf "$out" && cp -r dist "$out"
find "$out" \( -name '*.gz' -o -name '*.br' \) -delete
for bin in cca-atlas first-map; do
  js=$(cd "$out" && ls "$bin"-*.js | head -1)
  stem=${js%.js}
  tmp=$(mktemp -d)
  wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$tmp" --out-name "$stem" \
    "target/wasm32-unknown-unknown/release/$bin.wasm"
  cp "$tmp/$stem.js" "$out/$js"
  cp "$tmp/${stem}_bg.wasm" "$out/${stem}_bg.wasm"
  rm -rf "$tmp"
done
# The import worker: its glue and wasm share a hash; its start-up script
# fetches the wasm with an integrity value, dropped here.
wasm=$(cd "$out" && ls import-worker-*_bg.wasm | head -1)
hash=${wasm#import-worker-}
hash=${hash%_bg.wasm}
tmp=$(mktemp -d)
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$tmp" --out-name import-worker \
  target/wasm32-unknown-unknown/release/import-worker.wasm
cp "$tmp/import-worker.js" "$out/import-worker-glue-$hash.js"
cp "$tmp/import-worker_bg.wasm" "$out/$wasm"
rm -rf "$tmp"
for boot in "$out"/import-worker-*.js; do
  case "$boot" in *-glue-*) ;; *) sed -i -E 's/, \{ integrity: "[^"]*" \}//' "$boot" ;; esac
done
sed -i -E \
  -e 's/ integrity="[^"]*"//g' \
  -e 's/,"integrity":"[^"]*"//g' \
  -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' \
  -e 's#<script type="importmap">[^<]*</script>##' \
  -e 's/^const integrity = .*;$/const integrity = {};/' \
  "$out/index.html"
echo "$out"
