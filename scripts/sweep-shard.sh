#!/usr/bin/env bash
# One shard of a whole-market sweep: the entry point of a pod of a Kubernetes Indexed Job
# (deploy/k8s/sweep-job.yaml). Kubernetes sets JOB_COMPLETION_INDEX in each pod (0..n-1);
# the Job sets SHARDS = n (= its completions). The pod runs
#
#   finmatch sweep --shard $JOB_COMPLETION_INDEX/$SHARDS --enterprises $INPUT_DIR/enterprises.jsonl
#     --products $INPUT_DIR/products.jsonl [reference files] --k $K [--as-of $AS_OF]
#
# on the files `finmatch export` (or `finmatch generate`) wrote to INPUT_DIR, and writes
# $OUT_DIR/shard-<i>-of-<n>.jsonl: under a temporary name first, renamed only when finmatch
# succeeded (finmatch fsyncs it before exiting 0), so the file exists only when complete.
# The shards partition the enterprises (a hash of their ids): their union is one unsharded
# sweep, every enterprise exactly once.
#
# Environment:
#   JOB_COMPLETION_INDEX  this shard, 0 <= i < SHARDS (set by Kubernetes)   required
#   SHARDS                number of shards n >= 1                           required
#   INPUT_DIR             directory with enterprises.jsonl, products.jsonl  required
#                         (and institutions/chains/zones/interactions.jsonl, used when present)
#   OUT_DIR               where to write shard-<i>-of-<n>.jsonl (created)   required
#   K                     products per enterprise                          default 10
#   AS_OF                 evaluation date YYYY-MM-DD                       default: asOf of
#                         INPUT_DIR/manifest.json, else today (finmatch's rule)
#   THREADS               worker threads of finmatch sweep                 default: finmatch's
#   FINMATCH_BIN          the finmatch command, split on spaces            default: finmatch
#                         (e.g. "node /app/dist/cli.cjs")
#
# Exit: 0 when the shard file is complete; 2 when the environment is invalid (nothing run);
# otherwise finmatch's exit code (1 invalid records skipped, 3 I/O, 143 terminated…) or 1.
set -euo pipefail

fail() {
  echo "sweep-shard: $*" >&2
  exit 2
}

# A decimal integer without sign or leading zeros (bash reads 08 as bad octal), at most 9 digits.
is_count() { [[ $1 =~ ^(0|[1-9][0-9]{0,8})$ ]]; }

[[ -n ${JOB_COMPLETION_INDEX+x} ]] ||
  fail "JOB_COMPLETION_INDEX is not set (Kubernetes sets it in the pods of a Job with completionMode: Indexed)"
[[ -n ${SHARDS+x} ]] || fail "SHARDS is not set (set it to the Job's completions)"
index=$JOB_COMPLETION_INDEX
shards=$SHARDS
is_count "$index" || fail "JOB_COMPLETION_INDEX must be an integer >= 0, got '$index'"
is_count "$shards" && ((shards >= 1)) || fail "SHARDS must be an integer >= 1, got '$shards'"
((index < shards)) ||
  fail "JOB_COMPLETION_INDEX ($index) must be less than SHARDS ($shards): set SHARDS to the Job's completions"

k=${K:-10}
is_count "$k" && ((k >= 1)) || fail "K must be an integer >= 1, got '$k'"

as_of=${AS_OF:-}
if [[ -n $as_of && ! $as_of =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  fail "AS_OF must be a date YYYY-MM-DD, got '$as_of'"
fi

threads=${THREADS:-}
if [[ -n $threads ]] && ! is_count "$threads"; then
  fail "THREADS must be an integer >= 0, got '$threads'"
fi

[[ -n ${INPUT_DIR:-} ]] || fail "INPUT_DIR is not set (the directory finmatch export wrote)"
[[ -d $INPUT_DIR ]] || fail "INPUT_DIR $INPUT_DIR is not a directory"
for required in enterprises.jsonl products.jsonl; do
  [[ -f $INPUT_DIR/$required && -r $INPUT_DIR/$required ]] ||
    fail "INPUT_DIR $INPUT_DIR has no readable $required (did finmatch export run?)"
done

[[ -n ${OUT_DIR:-} ]] || fail "OUT_DIR is not set (where to write the shard's results)"
mkdir -p -- "$OUT_DIR" 2>/dev/null || fail "OUT_DIR $OUT_DIR cannot be created"
[[ -d $OUT_DIR && -w $OUT_DIR ]] || fail "OUT_DIR $OUT_DIR is not a writable directory"

read -r -a finmatch <<<"${FINMATCH_BIN:-finmatch}"
((${#finmatch[@]} > 0)) || fail "FINMATCH_BIN is empty"
command -v -- "${finmatch[0]}" >/dev/null 2>&1 ||
  fail "FINMATCH_BIN: ${finmatch[0]} is not a command (install finmatch or set FINMATCH_BIN)"

out="$OUT_DIR/shard-$index-of-$shards.jsonl"
tmp="$OUT_DIR/.shard-$index-of-$shards.jsonl.$$.tmp"
args=(sweep
  --enterprises "$INPUT_DIR/enterprises.jsonl"
  --products "$INPUT_DIR/products.jsonl"
  --shard "$index/$shards"
  --k "$k"
  --out "$tmp")
# The reference files, as finmatch sweep takes them: used when the export wrote them.
for ref in institutions chains zones interactions; do
  if [[ -f $INPUT_DIR/$ref.jsonl ]]; then args+=(--"$ref" "$INPUT_DIR/$ref.jsonl"); fi
done
if [[ -n $as_of ]]; then args+=(--as-of "$as_of"); fi
if [[ -n $threads ]]; then args+=(--threads "$threads"); fi

# The temporary file goes whatever happens; the final name appears only on success.
trap 'rm -f -- "$tmp"' EXIT
echo "sweep-shard: shard $index of $shards (k $k) from $INPUT_DIR -> $out" >&2

# finmatch runs as a child so this script, often PID 1 of the container, can pass SIGTERM
# (pod deletion, Job timeout) and SIGINT on: finmatch then stops and exits 143/130.
"${finmatch[@]}" "${args[@]}" &
child=$!
forward() { kill -s "$1" "$child" 2>/dev/null || true; }
trap 'forward TERM' TERM
trap 'forward INT' INT
# A trapped signal interrupts `wait`: wait until finmatch has exited, then take its own exit
# status (bash remembers it).
while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done
status=0
wait "$child" || status=$?
if ((status != 0)); then
  echo "sweep-shard: finmatch sweep failed (exit $status); $out not written" >&2
  exit "$status"
fi
mv -f -- "$tmp" "$out"
echo "sweep-shard: wrote $out" >&2
