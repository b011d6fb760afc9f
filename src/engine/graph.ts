// Dependency ordering: every node after the nodes it depends on, ties broken by key
// so the same input always yields the same order.

export class CycleError extends Error {
  constructor(public readonly cycle: string[]) {
    super(`dependency cycle: ${cycle.join(" -> ")}`);
  }
}

/**
 * Topological order of `nodes`; `deps(node)` lists what must come first.
 * Dependencies on keys that are not nodes are ignored. Throws CycleError.
 */
export function topologicalOrder(nodes: string[], deps: (node: string) => string[]): string[] {
  const known = new Set(nodes);
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const stack: string[] = [];

  // Depth-first post-order, visiting nodes and their dependencies in sorted order:
  // a node is emitted only after everything it depends on.
  const visit = (node: string): void => {
    const s = state.get(node);
    if (s === "done") return;
    if (s === "visiting") throw new CycleError([...stack.slice(stack.indexOf(node)), node]);
    state.set(node, "visiting");
    stack.push(node);
    for (const dep of [...new Set(deps(node))].filter((d) => known.has(d)).sort()) visit(dep);
    stack.pop();
    state.set(node, "done");
    order.push(node);
  };
  for (const node of [...known].sort()) visit(node);
  return order;
}
