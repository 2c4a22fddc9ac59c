#!/usr/bin/env bash
# Benchmarks veza-names against its peers on the labelled evaluation set.
#
#   bench/names/run.sh            # veza + peers (creates bench/.venv)
#   bench/names/run.sh --veza     # veza only, no Python peers
#   bench/names/run.sh --build-eval   # rebuild crates/names/eval/pairs.csv
#                                     # and crates/names/data/arabic_attested.csv
#
# Peers come from PyPI into bench/.venv: nomenklatura + followthemoney
# (OpenSanctions LogicV2), rapidfuzz, unidecode, jellyfish. Veza is scored
# through the `score_pairs` example, which implements the same CSV contract
# as `veza names score --pairs`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
pairs="crates/names/eval/pairs.csv"
work="bench/work/names"
mkdir -p "$work"
venv="bench/.venv"

need_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install -q nomenklatura followthemoney rapidfuzz unidecode jellyfish \
    cyrtranslit iuliia translitua romanize anyascii
}

if [ "${1:-}" = "--build-eval" ]; then
  need_venv
  "$venv/bin/pip" download -q --no-deps arabic-name-romanizer==0.2.0 -d "$work/anr"
  (cd "$work/anr" && python3 -m zipfile -e arabic_name_romanizer-0.2.0-py3-none-any.whl .)
  db="$work/anr/arabic_name_romanizer/resources/names.sqlite3"
  "$venv/bin/python" crates/names/eval/build_eval.py "$db" > "$pairs"
  "$venv/bin/python" crates/names/data/build_attested.py "$db" > crates/names/data/arabic_attested.csv
  echo "wrote $pairs ($(($(wc -l < "$pairs") - 1)) pairs) and the attested table"
  exit 0
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-names}"
cargo build -q --release -p veza-names --example score_pairs
bin="$CARGO_TARGET_DIR/release/examples/score_pairs"
# Only the a,b columns go in, as evaluations call it.
python3 -c "import csv,sys; r=csv.DictReader(open('$pairs',encoding='utf-8')); w=csv.writer(sys.stdout,lineterminator='\n'); w.writerow(['a','b']); [w.writerow([x['a'],x['b']]) for x in r]" > "$work/input.csv"
"$bin" "$work/input.csv" > "$work/veza.csv" 2> "$work/veza.log"
cat "$work/veza.log"
# Matcher v1 beside the default (v2), overall and by part of the set.
"$bin" "$work/input.csv" v1 > "$work/veza-v1.csv" 2> /dev/null
python3 bench/names/compare_versions.py "$pairs" "$work/veza-v1.csv" "$work/veza.csv"
rate=$(sed -n 's/.*(\([0-9]*\) pairs\/s).*/\1/p' "$work/veza.log")

if [ "${1:-}" = "--veza" ]; then
  python3 bench/names/evaluate.py "$pairs" "$work/veza.csv" --veza-rate "$rate"
else
  need_venv
  "$venv/bin/python" bench/names/evaluate.py "$pairs" "$work/veza.csv" --veza-rate "$rate" --peers
fi
