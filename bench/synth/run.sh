#!/usr/bin/env bash
# Throughput of veza-synth on one core, in release, for this crate only.
# Usage: bench/synth/run.sh [PERSONS]   (default 300000)
# Optional: SYNTH_DISK_PERSONS="1000000 10000000" also times writing to disk.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-synth}"
export VEZA_SYNTH_BENCH_PERSONS="${1:-300000}"
echo "== in-memory generation (all six files serialised to a sink)"
cargo bench -q -p veza-synth --bench generate
for n in ${SYNTH_DISK_PERSONS:-}; do
  out="$(mktemp -d)"
  echo "== $n persons to disk ($out)"
  /usr/bin/time -f "wall %e s, max RSS %M KB" \
    cargo run -q --release -p veza-synth --example generate -- 1 "$n" "$out" | tail -1
  du -sh "$out"
  ls -l "$out"
  rm -rf "$out"
done
