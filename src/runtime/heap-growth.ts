// How far V8 lets the heap grow past what was live at its last full collection. Under Node
// 20 it grows to up to 4 times that before collecting again, and a run over thousands of
// accounts makes mostly short-lived garbage (each request's objects, promoted while the
// request is on the wire): a 10,002-account plan with 60-80 MB live peaked at 310-343 MB.
// Growing by half instead kept it at 252 MB for the same CPU time. This is a growth factor,
// not a cap (a larger organization still gets the heap it needs), and it is set from inside
// because neither the Action's runner nor a user's shell passes node options. Node 24's V8
// sizes its heap more tightly on its own and ignores the setting; it does no harm there.
import { setFlagsFromString } from "node:v8";

/** The old generation may grow to 1.5 times what was live at its last full collection. */
const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
