#!/usr/bin/env bash
# Build cost of the generated crate: `cargo build` (debug) per feature, and
# lines of Rust per operation.
#
#   scripts/build-bench.sh [FEATURE...]   (default: anti-ddos data-replication-service elastic-cloud-server)
#
# REV=<git rev>   measure the crate of that commit instead of the working tree
#                 (exported with `git archive` into a temporary directory, so
#                 the checkout is not touched): run once with REV=main and once
#                 without to compare before and after.
# RUNS=n          builds per feature (default 1); each prints its time.
#
# The crate is built inside its workspace with its own target directory; the
# dependencies (serde, serde_json) are built once first and not timed. Before
# each timed build `generated/src/lib.rs` is touched, so only the generated
# crate is rebuilt. Pass `full` for every service: it takes minutes, so run it
# only when no other build shares the machine. The load average is printed
# before and after each build: the figures are only comparable at equal load.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
features=("$@")
[ ${#features[@]} -gt 0 ] || features=(anti-ddos data-replication-service elastic-cloud-server)
runs="${RUNS:-1}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${REV:-}" ]; then
  src="$tmp/src"
  mkdir -p "$src"
  git -C "$here" archive "$REV" | tar -x -C "$src"
  label="$REV ($(git -C "$here" rev-parse --short "$REV"))"
else
  src="$here"
  label="working tree ($(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet || echo '+changes'))"
fi
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$tmp/target}"
load() { cut -d' ' -f1-3 /proc/loadavg; }

ops=$(python3 -c "
import json, glob
print(sum(len(json.load(open(f)).get('operations', [])) for f in glob.glob('$src/specs/*.json')))")
lines=$(find "$src/generated/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
echo "crate: $label; $(nproc) cores"
echo "generated: $lines lines of Rust for $ops operations = $(echo "scale=1; $lines / $ops" | bc) lines/operation"

cd "$src"
# Dependencies once, untimed (the smallest feature pulls in all of them).
cargo build -q -p generated --no-default-features --features "${features[0]}"
for f in "${features[@]}"; do
  if [ "$f" = full ]; then
    fops=$ops
  else
    fops=$(python3 -c "
import json
print(len(json.load(open('$src/specs/${f#huawei-}.json'))['operations']))")
  fi
  for _ in $(seq "$runs"); do
    touch "$src/generated/src/lib.rs"
    before=$(load)
    s=$(date +%s.%N)
    cargo build -q -p generated --no-default-features --features "$f"
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    printf 'cargo build --features %s (%s operations): %.1f s = %.3f s/operation  (load %s → %s)\n' \
      "$f" "$fops" "$t" "$(echo "scale=4; $t / $fops" | bc)" "$before" "$(load)"
  done
done
