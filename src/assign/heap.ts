/**
 * An indexed binary min-heap over the nodes 0..n−1 (keys in a Float64Array, positions in an
 * Int32Array): push or decrease a node's key in O(log n), pop the minimum. Equal keys pop in
 * node order, so searches that use it are deterministic.
 *
 * @internal
 */
export class IndexedMinHeap {
  /** Heap slots → node. */
  private readonly nodes: Int32Array;
  /** Node → heap slot, −1 when not in the heap. */
  private readonly slot: Int32Array;
  /** Node → key (valid while the node is in the heap). */
  readonly key: Float64Array;
  size = 0;

  constructor(n: number) {
    this.nodes = new Int32Array(n);
    this.slot = new Int32Array(n).fill(-1);
    this.key = new Float64Array(n);
  }

  /** Whether `node` is in the heap. */
  has(node: number): boolean {
    return this.slot[node]! >= 0;
  }

  /** Inserts `node` with `key`, or lowers its key when it is in the heap already. */
  pushOrDecrease(node: number, key: number): void {
    let i = this.slot[node]!;
    if (i < 0) i = this.size++;
    this.key[node] = key;
    this.siftUp(i, node, key);
  }

  /** The node with the smallest key (ties: the smaller node); the heap must not be empty. */
  peek(): number {
    return this.nodes[0]!;
  }

  /** Removes and returns the node with the smallest key. */
  pop(): number {
    const { nodes, slot, key } = this;
    const top = nodes[0]!;
    slot[top] = -1;
    const last = --this.size;
    if (last === 0) return top;
    const node = nodes[last]!;
    const k = key[node]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && less(key, nodes[right]!, nodes[child]!)) child = right;
      const c = nodes[child]!;
      if (k < key[c]! || (k === key[c] && node < c)) break;
      nodes[i] = c;
      slot[c] = i;
      i = child;
    }
    nodes[i] = node;
    slot[node] = i;
    return top;
  }

  /** Empties the heap (nodes still in it are forgotten). */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.slot[this.nodes[i]!] = -1;
    this.size = 0;
  }

  private siftUp(i: number, node: number, k: number): void {
    const { nodes, slot, key } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = nodes[parent]!;
      if (key[p]! < k || (key[p] === k && p < node)) break;
      nodes[i] = p;
      slot[p] = i;
      i = parent;
    }
    nodes[i] = node;
    slot[node] = i;
  }
}

function less(key: Float64Array, a: number, b: number): boolean {
  const ka = key[a]!;
  const kb = key[b]!;
  return ka < kb || (ka === kb && a < b);
}
