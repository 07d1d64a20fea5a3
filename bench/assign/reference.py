"""Reference solver for bench/assign/assign.mjs: SciPy's sparse LAPJVsp
(`scipy.sparse.csgraph.min_weight_full_bipartite_matching`) on the capacity-expanded instance.

Reads an instance directory written by assign.mjs (`meta.json` with S, T, P and the raw
little-endian columns `capacity.i32`, `subject.i32`, `target.i32`, `score.f64`; subjects and
targets numbered 0..S-1 and 0..T-1) and prints one JSON line:
{"solveMs", "solveCpuMs" (process CPU time, steadier on a loaded machine), "solveThreadCpuMs" and
"solveWaitMs" (the solving thread's time on a core and runnable but waiting for one, from
/proc/thread-self/schedstat; null where the kernel does not provide it), "buildMs", "total",
"assigned", "rows", "cols", "edges"}.

The maximum-weight (not necessarily full) assignment with capacities is made a full matching
as in issue #14: every target t becomes capacity[t] slot columns, each eligible pair an edge to
each of its target's slots, and each subject gets one private "stays unassigned" column. Edge
weights are C - score with C = 2 (SciPy needs non-zero weights; scores are in [0, 1]), the
dummy edge weighs C, so minimising the total weight maximises the total score:
total score = S * C - total weight. Pairs with score <= 1e-12 are left out (finmatch never
uses them; they could only tie with staying unassigned).
"""

import json
import os
import sys
import time

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

C = 2.0
EPSILON = 1e-12


def thread_clock():
    """(ms on a core, ms runnable but waiting for a core) of this thread, or None."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as f:
            on_core, waiting = f.read().split()[:2]
        return int(on_core) / 1e6, int(waiting) / 1e6
    except OSError:
        return None


def main(directory: str) -> None:
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    S, T = meta["S"], meta["T"]
    capacity = np.fromfile(os.path.join(directory, "capacity.i32"), dtype="<i4")
    subject = np.fromfile(os.path.join(directory, "subject.i32"), dtype="<i4")
    target = np.fromfile(os.path.join(directory, "target.i32"), dtype="<i4")
    score = np.fromfile(os.path.join(directory, "score.f64"), dtype="<f8")
    assert len(capacity) == T and len(subject) == len(target) == len(score) == meta["P"]

    t0 = time.perf_counter()
    keep = (score > EPSILON) & (capacity[target] > 0)
    subject, target, score = subject[keep], target[keep], score[keep]
    slot_start = np.concatenate(([0], np.cumsum(capacity, dtype=np.int64)))
    slots = int(slot_start[-1])
    # Each pair repeated once per slot of its target.
    reps = capacity[target].astype(np.int64)
    rows = np.repeat(subject.astype(np.int64), reps)
    first = np.repeat(slot_start[target], reps)
    offset = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    cols = first + offset
    weights = np.repeat(C - score, reps)
    # The "stays unassigned" column of each subject.
    rows = np.concatenate((rows, np.arange(S, dtype=np.int64)))
    cols = np.concatenate((cols, slots + np.arange(S, dtype=np.int64)))
    weights = np.concatenate((weights, np.full(S, C)))
    graph = csr_array((weights, (rows, cols)), shape=(S, slots + S))
    build_ms = (time.perf_counter() - t0) * 1000

    k0 = thread_clock()
    t0 = time.perf_counter()
    c0 = time.process_time()
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    solve_cpu_ms = (time.process_time() - c0) * 1000
    solve_ms = (time.perf_counter() - t0) * 1000
    k1 = thread_clock()

    matched = graph[row_ind, col_ind]
    total = float(S * C - np.sum(matched))
    assigned = int(np.count_nonzero(col_ind < slots))
    print(
        json.dumps(
            {
                "solveMs": solve_ms,
                "solveCpuMs": solve_cpu_ms,
                "solveThreadCpuMs": k1[0] - k0[0] if k0 and k1 else None,
                "solveWaitMs": k1[1] - k0[1] if k0 and k1 else None,
                "buildMs": build_ms,
                "total": total,
                "assigned": assigned,
                "rows": S,
                "cols": slots + S,
                "edges": int(graph.nnz),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
