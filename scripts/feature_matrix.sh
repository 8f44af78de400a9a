#!/usr/bin/env bash
# Every service feature of the generated crate alone must build clippy-clean:
# a user who enables one service compiles only that service's module, so a
# module that only compiles next to another one (a type it borrows, an import
# another feature brings) would break that user and no `--all-features` build
# would see it.
#
#   scripts/feature_matrix.sh [FEATURE...]   (default: every feature but full*)
#
# Each feature is checked with `cargo clippy -p generated --no-default-features
# --features F --all-targets -- -D warnings` (library, its example tests and
# example programs). Dependencies are shared across features through the
# workspace target directory, so the whole matrix costs about one build of
# `full` plus one link per feature. Exit 1 naming each feature that failed.
set -euo pipefail
cd "$(dirname "$0")/.."

features=("$@")
if [ ${#features[@]} -eq 0 ]; then
  # The [features] table of the generated manifest, without the aggregates.
  mapfile -t features < <(sed -n '/^\[features\]/,/^\[/p' generated/Cargo.toml \
    | grep -E '^[a-z0-9-]+ = ' | cut -d' ' -f1 | grep -vE '^(full|full-.*|default)$')
fi

failed=()
for f in "${features[@]}"; do
  printf '%s: ' "$f"
  if cargo clippy -q -p generated --no-default-features --features "$f" --all-targets -- -D warnings \
      > "${TMPDIR:-/tmp}/feature-matrix-$f.log" 2>&1; then
    echo ok
  else
    echo FAILED
    sed -n '1,40p' "${TMPDIR:-/tmp}/feature-matrix-$f.log"
    failed+=("$f")
  fi
done

echo "${#features[@]} features, ${#failed[@]} failed: ${failed[*]:-none}"
[ ${#failed[@]} -eq 0 ]
