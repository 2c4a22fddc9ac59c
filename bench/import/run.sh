#!/usr/bin/env bash
# Bulk import into SQLite, end to end: generate N synthetic persons (~2.8
# records each), then time `veza import`'s path (parse and check every value,
# compute the name search keys, insert in one transaction with its audit
# entry). Prints records/s. Usage: bench/import/run.sh [PERSONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo bench -p veza-core --bench import -- "${1:-100000}"
