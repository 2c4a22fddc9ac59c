#!/usr/bin/env bash
# Screening benchmark: veza's index against PostgreSQL pg_trgm and against
# exhaustive scoring, on synthetic alerts with planted variants.
#
#   bench/screen/run.sh                 # 1M alerts with pg_trgm, then 10M
#   SIZES="1000000" bench/screen/run.sh # 1M only
#
# Environment: PERSONS (generated people, default 200000), QUERIES (checks
# sampled, default 5000), PG_QUERIES (of those, run on pg_trgm, default
# 1000), EXHAUSTIVE (queries scored against every alert, default 100),
# PGURL (default postgresql://postgres@127.0.0.1:5432/test), WORK.
set -euo pipefail
cd "$(dirname "$0")/../.."

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-screen}
SIZES=${SIZES:-"1000000 10000000"}
PERSONS=${PERSONS:-200000}
QUERIES=${QUERIES:-5000}
PG_QUERIES=${PG_QUERIES:-1000}
EXHAUSTIVE=${EXHAUSTIVE:-100}
PGURL=${PGURL:-postgresql://postgres@127.0.0.1:5432/test}
WORK=${WORK:-/tmp/veza-screen-bench}
SCHEMA=veza_screen_bench
mkdir -p "$WORK"

echo "# veza screening benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

cargo bench -p veza-screen --bench screen --no-run 2>/dev/null
run_bench() {
    cargo bench -q -p veza-screen --bench screen -- "$@" 2>/dev/null
}

for size in $SIZES; do
    echo
    echo "## $size alerts"
    if [ "$size" -le 1000000 ]; then
        rm -rf "$WORK/pg"
        run_bench --persons "$PERSONS" --alerts "$size" --queries "$QUERIES" \
            --exhaustive "$EXHAUSTIVE" --work "$WORK" --pg-dir "$WORK/pg" \
            --snapshot "$WORK/index.vzs"
        pg() { psql "$PGURL" -v ON_ERROR_STOP=1 -qAt "$@"; }
        echo
        echo "### PostgreSQL pg_trgm, same alerts, first $PG_QUERIES checks"
        head -n "$PG_QUERIES" "$WORK/pg/queries.tsv" > "$WORK/pg/queries_pg.tsv"
        pg -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA" \
            -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"
        start=$(date +%s.%N)
        pg -c "SET search_path=$SCHEMA, public" \
            -c "CREATE TABLE alerts (alert_id text, name text)" \
            -c "\\copy alerts FROM '$WORK/pg/alerts.tsv'" \
            -c "CREATE INDEX alerts_name_trgm ON alerts USING gin (name gin_trgm_ops)" \
            -c "ANALYZE alerts" \
            -c "CREATE TABLE queries (query_id text, name text, expected text)" \
            -c "\\copy queries FROM '$WORK/pg/queries_pg.tsv'" \
            -c "CREATE TABLE veza_hits (query_id text, alert_id text, rank int, score real)" \
            -c "\\copy veza_hits FROM '$WORK/pg/veza_hits.tsv'" \
            -c "CREATE TABLE veza_times (query_id text, ms float8)" \
            -c "\\copy veza_times FROM '$WORK/pg/veza_times.tsv'"
        echo "pg_load_and_index_seconds=$(echo "$(date +%s.%N) - $start" | bc)"
        # One similarity query per check, K = 10, each timed in the server.
        pg -c "SET search_path=$SCHEMA, public" -c "
            CREATE TABLE pg_hits (query_id text, alert_id text, rank int);
            CREATE TABLE pg_times (query_id text, ms float8);
            DO \$\$
            DECLARE q record; t0 timestamptz; ids text[];
            BEGIN
              FOR q IN SELECT * FROM queries ORDER BY query_id LOOP
                t0 := clock_timestamp();
                SELECT array_agg(alert_id ORDER BY s DESC, alert_id) INTO ids FROM (
                  SELECT alert_id, max(similarity(name, q.name)) AS s FROM alerts
                  WHERE name % q.name GROUP BY alert_id ORDER BY s DESC, alert_id LIMIT 10) x;
                INSERT INTO pg_times VALUES (q.query_id, extract(epoch FROM clock_timestamp() - t0) * 1000);
                INSERT INTO pg_hits SELECT q.query_id, id, n FROM unnest(ids) WITH ORDINALITY AS u(id, n);
              END LOOP;
            END \$\$;"
        pg -F ' ' -c "SET search_path=$SCHEMA, public" -c "
            WITH l AS (SELECT * FROM queries WHERE expected <> ''),
                 p AS (SELECT count(*) AS n FROM l WHERE EXISTS (SELECT 1 FROM pg_hits h WHERE h.query_id = l.query_id AND h.alert_id = l.expected)),
                 v AS (SELECT count(*) AS n FROM l WHERE EXISTS (SELECT 1 FROM veza_hits h WHERE h.query_id = l.query_id AND h.alert_id = l.expected AND h.rank <= 10)),
                 pt AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, avg(ms) AS mean FROM pg_times),
                 vt AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms) AS p99, avg(t.ms) AS mean FROM veza_times t JOIN queries q USING (query_id))
            SELECT 'same_queries=' || (SELECT count(*) FROM queries) || ' labelled=' || (SELECT count(*) FROM l)
                   || E'\npg_trgm_recall_at_10=' || round(100.0 * p.n / greatest((SELECT count(*) FROM l), 1), 2) || '%'
                   || ' veza_recall_at_10_same_queries=' || round(100.0 * v.n / greatest((SELECT count(*) FROM l), 1), 2) || '%'
                   || E'\npg_trgm_ms_p50=' || round(pt.p50::numeric, 3) || ' pg_trgm_ms_p99=' || round(pt.p99::numeric, 3) || ' pg_trgm_ms_mean=' || round(pt.mean::numeric, 3)
                   || E'\nveza_ms_p50_same_queries=' || round(vt.p50::numeric, 3) || ' veza_ms_p99_same_queries=' || round(vt.p99::numeric, 3) || ' veza_ms_mean_same_queries=' || round(vt.mean::numeric, 3)
                   || E'\nspeed_ratio_p50=' || round((pt.p50 / vt.p50)::numeric, 1) || 'x speed_ratio_mean=' || round((pt.mean / vt.mean)::numeric, 1) || 'x'
            FROM p, v, pt, vt"
        pg -c "DROP SCHEMA $SCHEMA CASCADE"
    else
        run_bench --persons "$PERSONS" --alerts "$size" --queries "$QUERIES" \
            --exhaustive 0 --work "$WORK" --snapshot "$WORK/index.vzs"
    fi
done
