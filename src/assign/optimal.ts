import type { CompiledAssignment } from './compile.js';
import { ensureCompiled } from './compile.js';
import { ASSIGNMENT_SCORE_EPSILON } from './defaults.js';
import { readAssignmentOptions, toResult } from './result.js';
import type { AssignmentInstance, AssignmentOptions, AssignmentResult } from './types.js';

/**
 * Optimal assignment: the assignment of maximum total `score` under the capacities (each
 * subject to at most one target, each target at most `capacity` subjects), over the eligible
 * pairs only. It does not force a full matching: a subject is assigned, or moved, only when
 * that raises the total by more than {@link ASSIGNMENT_SCORE_EPSILON}, so pairs with score ≤ 0
 * are never used.
 *
 * Min-cost flow solved by successive shortest paths. Network: subject → target (capacity 1,
 * cost −score), target → sink (capacity = the target's), and subject → sink (capacity 1, cost
 * 0: "stays unassigned"). Subjects are added one at a time (in id order); each takes the
 * cheapest path to the sink, which may move earlier subjects along alternating paths or drop
 * one whose place is worth more to others. Dijkstra with Johnson potentials (initial
 * potentials from one Bellman–Ford pass over the acyclic network) stops at the sink, and the
 * "unassigned" edge bounds every search, so each step explores only the part of the market it
 * can improve. O(S·E log V) worst case. The network is built in the canonical order of the
 * compiled instance, so the result does not depend on input order (among several optimal
 * assignments one is picked deterministically).
 *
 * Unlike {@link stableAssignment}, the result may have blocking pairs: it serves the event's
 * total fit, not each side's first choice.
 *
 * @param instance An instance, or one compiled by `compileAssignment`.
 */
export function optimalAssignment(
  instance: AssignmentInstance | CompiledAssignment,
  options?: AssignmentOptions,
): AssignmentResult {
  const resolved = readAssignmentOptions(options);
  const c = ensureCompiled(instance);
  return toResult(c, maxWeightAssignment(c), resolved);
}

/**
 * The core of {@link optimalAssignment}: the pair assigned to each subject (-1 = none).
 *
 * @internal
 */
export function maxWeightAssignment(c: CompiledAssignment): Int32Array {
  const S = c.subjectIds.length;
  const T = c.targetIds.length;
  const sink = S + T;
  const V = S + T + 1;
  const targetNode = (t: number) => S + t;

  // Residual network in arrays; edge e and e ^ 1 are each other's reverse.
  let usable = 0;
  for (let p = 0; p < c.score.length; p++) if (isUsable(c, p)) usable++;
  const E = 2 * (S + usable + T);
  const to = new Int32Array(E);
  const cap = new Int32Array(E);
  const cost = new Float64Array(E);
  const nextEdge = new Int32Array(E);
  const pairOfEdge = new Int32Array(E).fill(-1);
  const head = new Int32Array(V).fill(-1);
  let m = 0;
  const addEdge = (u: number, v: number, capacity: number, w: number, pair: number) => {
    to[m] = v;
    cap[m] = capacity;
    cost[m] = w;
    pairOfEdge[m] = pair;
    nextEdge[m] = head[u]!;
    head[u] = m++;
    to[m] = u;
    cap[m] = 0;
    cost[m] = -w;
    pairOfEdge[m] = pair;
    nextEdge[m] = head[v]!;
    head[v] = m++;
  };
  for (let p = 0; p < c.score.length; p++) {
    if (isUsable(c, p))
      addEdge(c.pairSubject[p]!, targetNode(c.pairTarget[p]!), 1, -c.score[p]!, p);
  }
  // Added last, so it is the first edge a subject's search relaxes: on equal cost the subject
  // stays unassigned.
  for (let s = 0; s < S; s++) addEdge(s, sink, 1, 0, -1);
  for (let t = 0; t < T; t++)
    if (c.capacity[t]! > 0) addEdge(targetNode(t), sink, c.capacity[t]!, 0, -1);

  // Initial potentials: shortest distances from a virtual source joined to every subject at
  // cost 0, in the acyclic network (one Bellman–Ford pass in topological order).
  const potential = new Float64Array(V);
  for (let p = 0; p < c.score.length; p++) {
    if (!isUsable(c, p)) continue;
    const v = targetNode(c.pairTarget[p]!);
    if (-c.score[p]! < potential[v]!) potential[v] = -c.score[p]!;
  }
  for (let t = 0; t < T; t++)
    if (potential[targetNode(t)]! < potential[sink]!) potential[sink] = potential[targetNode(t)]!;

  const dist = new Float64Array(V);
  const done = new Uint8Array(V);
  const viaEdge = new Int32Array(V);
  const touched = new Int32Array(V);
  const heap = new MinHeap(E + V);
  dist.fill(Infinity);
  for (let source = 0; source < S; source++) {
    let nTouched = 0;
    dist[source] = 0;
    touched[nTouched++] = source;
    heap.clear();
    heap.push(0, source);
    while (heap.size > 0) {
      const u = heap.popNode();
      if (done[u]) continue;
      done[u] = 1;
      if (u === sink) break; // nodes not yet settled get the sink's distance below
      for (let e = head[u]!; e >= 0; e = nextEdge[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        if (done[v]) continue;
        // Reduced costs are ≥ 0 up to rounding; clamp the rounding away.
        const d = dist[u]! + Math.max(0, cost[e]! + potential[u]! - potential[v]!);
        // Into the sink a later path must be better by more than ε: ties keep the first found
        // (the "unassigned" edge), so nothing moves for no gain.
        if (v === sink ? d < dist[v]! - ASSIGNMENT_SCORE_EPSILON : d < dist[v]!) {
          if (dist[v] === Infinity) touched[nTouched++] = v;
          dist[v] = d;
          viaEdge[v] = e;
          heap.push(d, v);
        }
      }
    }
    // The "unassigned" edge guarantees the sink is reached. Potentials: +dist for settled
    // nodes, +dist(sink) for every other (keeps every reduced cost ≥ 0).
    const ds = dist[sink]!;
    for (let v = 0; v < V; v++) potential[v]! += done[v] ? dist[v]! : ds;
    for (let v = sink; v !== source;) {
      const e = viaEdge[v]!;
      cap[e]!--;
      cap[e ^ 1]!++;
      v = to[e ^ 1]!;
    }
    for (let i = 0; i < nTouched; i++) {
      dist[touched[i]!] = Infinity;
      done[touched[i]!] = 0;
    }
  }

  const assigned = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let e = head[s]!; e >= 0; e = nextEdge[e]!) {
      // A forward subject → target edge (even index) with no residual capacity carries flow.
      if ((e & 1) === 0 && pairOfEdge[e]! >= 0 && cap[e] === 0) assigned[s] = pairOfEdge[e]!;
    }
  }
  return assigned;
}

function isUsable(c: CompiledAssignment, p: number): boolean {
  return c.score[p]! > ASSIGNMENT_SCORE_EPSILON && c.capacity[c.pairTarget[p]!]! > 0;
}

/** Binary min-heap of (key, node) in typed arrays, with lazy deletion by the caller. */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity + 1);
    this.nodes = new Int32Array(capacity + 1);
  }
  clear(): void {
    this.size = 0;
  }
  push(key: number, node: number): void {
    let i = this.size++;
    const { keys, nodes } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Ties by node number keep the search order deterministic.
      if (keys[parent]! < key || (keys[parent] === key && nodes[parent]! <= node)) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  popNode(): number {
    const { keys, nodes } = this;
    const top = nodes[0]!;
    const last = --this.size;
    const key = keys[last]!;
    const node = nodes[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (keys[right]! < keys[child]! ||
          (keys[right] === keys[child] && nodes[right]! < nodes[child]!))
      )
        child = right;
      if (key < keys[child]! || (key === keys[child] && node <= nodes[child]!)) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
    return top;
  }
}
