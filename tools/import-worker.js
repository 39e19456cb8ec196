// The import worker's start-up script (a module worker), written to dist/
// by tools/postbuild.mjs with the hashed names and the wasm's integrity in
// place of the placeholders. The wasm is fetched at once, beside the JS
// glue, and checked against its SHA-384 (a worker script itself cannot
// carry subresource integrity: `new Worker` takes none, and workers have no
// import maps). Once the wasm runs, the worker's `main` says "ready"
// (src/web/import_worker.rs); if it cannot run, the page hears "failed"
// and checks the file itself.
const wasm = fetch("./__WASM__", { integrity: "__WASM_INTEGRITY__" });
// Its failure is handled below, once the glue has loaded: not unhandled now.
wasm.catch(() => {});
import("./__GLUE__")
  .then((glue) => glue.default({ module_or_path: wasm }))
  .catch((error) => postMessage({ kind: "failed", message: String(error) }));
