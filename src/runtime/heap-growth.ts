// How far V8 lets the heap grow past what was live at its last full collection. Under Node
// 20 it grows to up to 4 times that before collecting again, and reading thousands of
// accounts makes mostly short-lived garbage (each request's objects, promoted while the
// request is on the wire): a 10,002-account plan with 60-80 MB live peaked at 310-343 MB.
// Letting it only double keeps that plan at 264 MB and a 20,007-change apply at 246 MB
// (emulator at fast settings). Growing by half kept them at 241 and 243 MB, but cost a
// 1,002-account apply 12% more CPU and 0.4 s of its 43 s, collecting a heap that never grew
// large: doubling keeps the memory targets (300 and 400 MB) without taxing smaller runs.
// This is a growth factor, not a cap (a larger organization still gets the heap it needs),
// set from inside because neither the Action's runner nor a user's shell passes node
// options. It is set before a run's first large allocation that dies young (reading a saved
// plan, reading live state), not at process start: while only the YAML loads, the heap only
// grows, and collecting at every half step of it cost `validate` 10% more CPU at 10,000
// accounts. Set only once live state is read, an apply of 20,007 changes peaked at 502 MB
// instead of 244: V8 had sized its heap from the saved plan's parse by then. Node 24's V8
// sizes its heap in its own way and ignores the setting; it does no harm there.
import { setFlagsFromString } from "node:v8";

/** The old generation may grow to twice what was live at its last full collection. */
const HEAP_GROWING_PERCENT = 100;

/** Idempotent: apply reads a saved plan and then live state, and calls it for both. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
