// Dependency ordering: every node after the nodes it depends on, ties broken by a
// total order on keys so the same input always yields the same order.

export class CycleError extends Error {
  constructor(public readonly cycle: string[]) {
    super(`dependency cycle: ${cycle.join(" -> ")}`);
  }
}

/**
 * Topological order of `nodes`; `deps(node)` lists what must come first.
 * Dependencies on keys that are not nodes are ignored. Throws CycleError.
 */
export function topologicalOrder(
  nodes: string[],
  deps: (node: string) => string[],
  compare: (a: string, b: string) => number = byKey,
): string[] {
  const known = new Set(nodes);
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const stack: string[] = [];

  // Depth-first post-order, visiting nodes and their dependencies in `compare` order:
  // a node is emitted only after everything it depends on.
  const visit = (node: string): void => {
    const s = state.get(node);
    if (s === "done") return;
    if (s === "visiting") throw new CycleError([...stack.slice(stack.indexOf(node)), node]);
    state.set(node, "visiting");
    stack.push(node);
    for (const dep of [...new Set(deps(node))].filter((d) => known.has(d)).sort(compare)) visit(dep);
    stack.pop();
    state.set(node, "done");
    order.push(node);
  };
  for (const node of [...known].sort(compare)) visit(node);
  return order;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
