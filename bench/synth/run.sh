#!/usr/bin/env bash
# Throughput of veza-synth on one core, in release, for this crate only.
#
#   bench/synth/run.sh [PERSONS]      (default 300000)
#   SYNTH_DISK_PERSONS="1000000 10000000" bench/synth/run.sh   also times runs to disk
#
# The benchmark binary is built with fat LTO and one codegen unit (set here
# through Cargo's environment overrides, for this crate's bench only; the
# workspace profiles are unchanged). The generator is single-threaded; the
# bench reports records per second of wall time and of process CPU time,
# the latter being the fair figure on a machine shared with other jobs.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-synth-lto}"
export CARGO_PROFILE_BENCH_LTO=fat
export CARGO_PROFILE_BENCH_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export VEZA_SYNTH_BENCH_PERSONS="${1:-300000}"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== in-memory generation (all six files encoded, written to a sink)"
cargo bench -q -p veza-synth --bench generate
for n in ${SYNTH_DISK_PERSONS:-}; do
  out="$(mktemp -d)"
  echo "== $n persons to disk ($out)"
  cargo build -q --release -p veza-synth --example generate
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$CARGO_TARGET_DIR/release/examples/generate" 1 "$n" "$out" | tail -1
  du -sh "$out"
  ls -l "$out"
  rm -rf "$out"
done
