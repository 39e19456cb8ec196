// The import worker's start-up script (a module worker), written to dist/
// by tools/postbuild.mjs with the hashed names and the wasm's integrity in
// place of the placeholders. The wasm is fetched at once, beside the JS
// glue, and checked against its SHA-384 (a worker script itself cannot
// carry subresource integrity: `new Worker` takes none, and workers have no
// import maps). Messages that come before the wasm runs are held and then
// handed to it in order (the page asks a `?data=` link's fetch at once).
// Once the wasm runs, the worker's `main` has installed its listener and
// says "ready" (src/web/import_worker.rs); if it cannot run, the page hears
// "failed" and does the work itself.
const held = [];
const hold = (event) => held.push(event.data);
addEventListener("message", hold);
const wasm = fetch("./__WASM__", { integrity: "__WASM_INTEGRITY__" });
// Its failure is handled below, once the glue has loaded: not unhandled now.
wasm.catch(() => {});
import("./__GLUE__")
  .then((glue) => glue.default({ module_or_path: wasm }))
  .then(() => {
    removeEventListener("message", hold);
    for (const data of held.splice(0)) dispatchEvent(new MessageEvent("message", { data }));
  })
  .catch((error) => postMessage({ kind: "failed", message: String(error) }));
