#!/usr/bin/env bash
# Hostile documentation through the whole pipeline (run by .ci/run).
#
# scripts/hostile_docs.py writes services whose pages try to run code through
# rustdoc (fences, HTML, links), nest without bound (inline HTML, 200,000
# `<div>`s, a thousand chained tables, `Array of` × 3000), blow up
# (`rowspan × colspan`, a thousand tables only the example binds, long
# key-value descriptions under many example objects) or collide
# with Rust (`Self`, `Option`, spaces in names and paths, non-ASCII status
# digits), beside one good service. Checks:
# - `codegen sync` finishes within 60 s and 1 GB, writes every service (the
#   good one included) and reports the bad pages with located diagnostics;
# - every spec it wrote reads back (`codegen generate --check` re-renders the
#   crate from the specs on disk);
# - the crate builds clippy-clean (-D warnings) and documents with rustdoc
#   (-D warnings), and the HTML carries no markup, link or code from the docs.
set -euo pipefail
cd "$(dirname "$0")/.."
codegen="${CODEGEN:-target/debug/codegen}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 scripts/hostile_docs.py "$work"

# Memory: 1 GB of address space is too tight for the allocator's reservations;
# the limit is on resident memory, measured.
/usr/bin/time -f "%e %M" -o "$work/time" timeout 60 \
  "$codegen" sync -v --root "$work" --docs-root "$work/docs" --format short \
  >"$work/sync.out" 2>"$work/sync.err" || {
  echo "hostile sync failed:"; tail -20 "$work/sync.err"; exit 1; }
read -r secs kb <"$work/time"
echo "hostile sync: ${secs} s, $((kb / 1024)) MiB peak"
[ "$kb" -lt $((1024 * 1024)) ] || { echo "hostile sync used more than 1 GB"; exit 1; }

for s in $(sed -n 's/^name = "\(.*\)"/\1/p' "$work/specs/sources.toml"); do
  ls "$work/specs/"*"$s.json" >/dev/null 2>&1 || { echo "spec of $s not written"; exit 1; }
done
for code in md-too-deep md-span-budget type-too-deep type-unknown; do
  grep -q "warning\[$code\]" "$work/sync.err" || { echo "no $code diagnostic"; exit 1; }
done
"$codegen" generate --check --root "$work"

# The crate calls the hand-written runtime (`../runtime`). Both go under
# scratch/ and build in this workspace's target dir: the runtime's dependencies
# (reqwest, rustls, tokio) are reused, not built cold a second time, and at
# other paths than the workspace's own `generated/` and `runtime/` their
# artifacts get other hashes (cargo hashes a path package by its path in its
# workspace), so neither build invalidates the other.
mkdir -p "$work/scratch/runtime"
mv "$work/generated" "$work/scratch/generated"
cp -r runtime/src runtime/Cargo.toml "$work/scratch/runtime/"
cat >"$work/Cargo.toml" <<'EOF'
[workspace]
resolver = "3"
members = ["scratch/generated", "scratch/runtime"]

[workspace.package]
edition = "2024"
license = "Apache-2.0"
publish = false

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
EOF
# The same profiles as this workspace, so the dependencies built here are reused.
sed -n '/^\[profile\./,$p' Cargo.toml >>"$work/Cargo.toml"
cp Cargo.lock "$work/Cargo.lock"
target="${CARGO_TARGET_DIR:-$PWD/target}"
(cd "$work" && CARGO_TARGET_DIR="$target" cargo clippy --offline --all-features --all-targets -p generated -- -D warnings)
rm -rf "$target/doc/generated"  # only this crate's pages are searched below
(cd "$work" && CARGO_TARGET_DIR="$target" RUSTDOCFLAGS="-D warnings" cargo doc --offline --all-features --no-deps -p generated)

# No markup from the docs in the HTML: raw tags and handlers, links the docs
# wrote, and code blocks other than the generator's `text` blocks.
html="$target/doc/generated"
if grep -rlE '<img src=x|<script>alert|<b onclick|<i>emph|href="javascript|/process/fn\.(exit|abort)\.html|class="language-(rust|should_panic|edition)|rust-example-rendered' "$html"; then
  echo "docs markup survived into rustdoc output (files above)"; exit 1
fi
echo "hostile docs: inert, bounded, clippy- and rustdoc-clean"
