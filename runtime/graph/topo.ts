/**
 * Topological order of a graph document, stable: among nodes that are ready at the same time,
 * the one earlier in the document comes first. Nodes on cycles are named, cycle by cycle.
 */
import type { GraphDoc } from './types.ts';

/** Result of {@link topoOrder}. */
export interface TopoResult {
  /** Nodes that can run, in order. */
  readonly order: readonly string[];
  /** Each cycle as its nodes, in document order. */
  readonly cycles: readonly (readonly string[])[];
  /** Nodes not in `order`: on a cycle or downstream of one. */
  readonly blocked: ReadonlySet<string>;
}

/** A binary min-heap of document indices. */
class IndexHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Strongly connected components of the blocked nodes (iterative Tarjan). */
function findCycles(
  ids: readonly string[],
  next: readonly number[][],
  blocked: ReadonlySet<number>,
): string[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  for (const root of blocked) {
    if (index.has(root)) continue;
    const work: { v: number; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const succ = next[frame.v]!.filter((w) => blocked.has(w));
      if (frame.i < succ.length) {
        const w = succ[frame.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.v);
        if (comp.length > 1 || next[frame.v]!.includes(frame.v)) cycles.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return cycles.sort((a, b) => a[0]! - b[0]!).map((c) => c.map((i) => ids[i]!));
}

/** Orders the nodes of a document for execution; see {@link TopoResult}. */
export function topoOrder(doc: GraphDoc): TopoResult {
  const ids = Object.keys(doc.nodes);
  const pos = new Map<string, number>();
  ids.forEach((id, i) => pos.set(id, i));
  const next: number[][] = ids.map(() => []);
  const indegree = new Array<number>(ids.length).fill(0);
  for (const e of Object.values(doc.edges)) {
    const a = pos.get(e.from.node);
    const b = pos.get(e.to.node);
    if (a === undefined || b === undefined) continue;
    next[a]!.push(b);
    indegree[b]!++;
  }
  const heap = new IndexHeap();
  indegree.forEach((d, i) => {
    if (d === 0) heap.push(i);
  });
  const order: string[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    order.push(ids[i]!);
    for (const j of next[i]!) if (--indegree[j]! === 0) heap.push(j);
  }
  if (order.length === ids.length) return { order, cycles: [], blocked: new Set() };
  const blockedIdx = new Set<number>();
  indegree.forEach((d, i) => {
    if (d > 0) blockedIdx.add(i);
  });
  return {
    order,
    cycles: findCycles(ids, next, blockedIdx),
    blocked: new Set([...blockedIdx].map((i) => ids[i]!)),
  };
}

/**
 * Whether `target` can be reached from `start` by following edges forward; a node reaches
 * itself. A link `a -> b` would close a cycle exactly when `b` reaches `a`.
 */
export function reaches(doc: GraphDoc, start: string, target: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of Object.values(doc.edges)) {
    const list = next.get(e.from.node);
    if (list) list.push(e.to.node);
    else next.set(e.from.node, [e.to.node]);
  }
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === target) return true;
    for (const m of next.get(n) ?? []) {
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return false;
}
