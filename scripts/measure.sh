#!/usr/bin/env bash
# Whole-corpus timings for the README "Performance" section.
#
#   scripts/measure.sh [CORPUS]        (default: ../shared/corpus)
#
# Builds the release binary, writes a temporary project root whose
# specs/sources.toml lists every otc/ and huawei/ service of the corpus, then
# times (median of RUNS=5, with hyperfine when installed):
#   floor   `cat` of every corpus file
#   specs   docs → specs          (codegen sync --specs-only)
#   full    docs → specs → Rust   (codegen sync: formatted, written)
# and the peak memory of the full run (/usr/bin/time -v).
# Set BUILD_GENERATED=1 to also time `cargo check`/`cargo build` of the generated crate.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "${1:-$here/../shared/corpus}" && pwd)"
runs="${RUNS:-5}"
cd "$here"
cargo build --release -q -p codegen
bin="$here/target/release/codegen"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/specs"
{
  for cloud in otc huawei; do
    for d in "$corpus/$cloud"/*/; do
      name="$(basename "$d")"
      printf '[[service]]\nname = "%s"\ncloud = "%s"\npath = "%s/%s"\n\n' "$name" "$cloud" "$cloud" "$name"
    done
  done
} > "$tmp/specs/sources.toml"
services=$(grep -c '^\[\[service\]\]' "$tmp/specs/sources.toml")
pages=$(find "$corpus/otc" "$corpus/huawei" -type f \( -name '*.rst' -o -name '*.md' \) | wc -l)
bytes=$(find "$corpus/otc" "$corpus/huawei" -type f \( -name '*.rst' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $services services, $pages pages, $bytes bytes; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

floor="find '$corpus/otc' '$corpus/huawei' -type f -print0 | xargs -0 cat > /dev/null"
specs="'$bin' --root '$tmp' sync --docs-root '$corpus' --specs-only 2>/dev/null"
full="'$bin' --root '$tmp' sync --docs-root '$corpus' 2>/dev/null"

if command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$tmp/times.json" \
    -n floor "$floor" -n specs "$specs" -n full "$full"
  python3 - "$tmp/times.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:>6}: median {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f}; mean user {r['user']:.3f} s, sys {r['system']:.3f} s)")
PY
else
  for name in floor specs full; do
    cmd="${!name}"
    bash -c "$cmd" # warm-up
    for _ in $(seq "$runs"); do
      s=$(date +%s.%N); bash -c "$cmd"; e=$(date +%s.%N)
      echo "$e - $s" | bc
    done | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%6s: median %.3f s (min %.3f, max %.3f)\n", n, a[int((NR+1)/2)], a[1], a[NR]}'
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

for mode in "--specs-only" ""; do
  /usr/bin/time -v "$bin" --root "$tmp" sync --docs-root "$corpus" $mode 2> "$tmp/time.txt" > /dev/null || true
  echo "peak RSS (sync ${mode:-full}): $(grep 'Maximum resident' "$tmp/time.txt" | awk '{print $NF}') KiB"
done

ops=$(python3 -c "
import json, glob
print(sum(len(json.load(open(f))['operations']) for f in glob.glob('$tmp/specs/*.json')))")
lines=$(find "$tmp/generated/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
echo "generated: $lines lines of Rust for $ops operations = $(echo "scale=1; $lines / $ops" | bc) lines/operation"

if [ "${BUILD_GENERATED:-0}" = 1 ]; then
  # The generated crate of this project root, built stand-alone.
  gen="$tmp/generated"
  sed -i 's/^edition.workspace = true/edition = "2024"/; s/^serde = { workspace = true }/serde = { version = "1", features = ["derive"] }/; s/^serde_json = { workspace = true }/serde_json = { version = "1", features = ["preserve_order"] }/' "$gen/Cargo.toml"
  printf '\n[workspace]\n' >> "$gen/Cargo.toml"
  cp "$here/Cargo.lock" "$gen/"
  export CARGO_TARGET_DIR="$tmp/target"
  (cd "$gen" && cargo build -q 2> /dev/null) || true # dependencies once
  for f in ${FEATURES:-anti-ddos data-replication-service elastic-cloud-server full}; do
    for what in check build; do
      touch "$gen/src/lib.rs"
      s=$(date +%s.%N)
      (cd "$gen" && cargo "$what" -q --no-default-features --features "$f")
      e=$(date +%s.%N)
      echo "generated crate: cargo $what --features $f: $(echo "$e - $s" | bc) s"
    done
  done
fi
