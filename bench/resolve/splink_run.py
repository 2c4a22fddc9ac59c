"""Runs Splink 5 (DuckDB backend) on a bench data set and writes clusters.

python splink_run.py febrl3|febrl4|synth OUT.csv INPUT.csv [INPUT2.csv]

Settings follow Splink's own FEBRL examples: name comparisons with term
frequencies, date of birth, identifiers, address fields; u by random
sampling, m by EM over several blocking rules, clusters at p >= 0.5.
"""
import sys
import time

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

kind, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.time()
frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in inputs]
for f in frames:
    for c in f.columns:
        f[c] = f[c].str.strip().replace("", None)

if kind.startswith("febrl"):
    uid = "rec_id"
    comparisons = [
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison(
            "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
        ),
        cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
        cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("address_2", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
        cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
            term_frequency_adjustments=True
        ),
        cl.ExactMatch("state"),
    ]
    rules = [
        block_on("given_name"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("postcode", "street_number"),
    ]
    em_rules = [block_on("date_of_birth"), block_on("given_name", "surname"), block_on("soc_sec_id")]
    deterministic = [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")]
else:
    uid = "record_id"
    for f in frames:
        # Splink needs one date format and one case: normalise first.
        d = f["date_of_birth"].fillna("")
        iso = pd.to_datetime(d, format="%Y-%m-%d", errors="coerce")
        iso = iso.fillna(pd.to_datetime(d, format="%d.%m.%Y", errors="coerce"))
        f["date_of_birth"] = iso.dt.strftime("%Y-%m-%d")
        for c in ["given_name", "family_name", "father_name", "place_of_birth", "address"]:
            f[c] = f[c].str.lower()
        f["document_number"] = f["document_number"].str.upper()
        f["phone"] = f["phone"].str.replace(r"[^0-9]", "", regex=True)
    comparisons = [
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("father_name"),
        cl.DateOfBirthComparison(
            "date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"
        ),
        cl.ExactMatch("sex"),
        cl.ExactMatch("nationality"),
        cl.JaroWinklerAtThresholds("place_of_birth", [0.9, 0.7]),
        cl.DamerauLevenshteinAtThresholds("document_number", [1, 2]),
        cl.ExactMatch("phone"),
        cl.JaroWinklerAtThresholds("address", [0.9, 0.7]),
    ]
    rules = [
        block_on("given_name", "family_name"),
        block_on("family_name", "date_of_birth"),
        block_on("given_name", "date_of_birth"),
        block_on("document_number"),
        block_on("phone"),
    ]
    em_rules = [block_on("date_of_birth"), block_on("given_name", "family_name")]
    deterministic = [block_on("document_number"), block_on("given_name", "family_name", "date_of_birth")]

settings = SettingsCreator(
    unique_id_column_name=uid,
    link_type="link_only" if len(frames) > 1 else "dedupe_only",
    blocking_rules_to_generate_predictions=rules,
    comparisons=comparisons,
    retain_intermediate_calculation_columns=False,
    retain_matching_columns=False,
)
db = DuckDBAPI()
tables = [db.register(f) for f in frames]
linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level="WARNING")
linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
for r in em_rules:
    linker.training.estimate_parameters_using_expectation_maximisation(r)
pred = linker.inference.predict(threshold_match_probability=0.01)
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
    pred, threshold_match_probability=0.5
)
cdf = clusters.as_pandas_dataframe()[[uid, "cluster_id"]]
cdf.columns = ["record_id", "cluster_id"]
cdf.to_csv(out, index=False)
# Scored pairs, for the threshold sweep.
pdf = pred.as_pandas_dataframe()[[f"{uid}_l", f"{uid}_r", "match_probability"]]
pdf.columns = ["a", "b", "p"]
pdf.to_csv(out + ".pairs.csv", index=False)
print(f"splink {kind}: {len(cdf)} records, {len(pdf)} scored pairs, {time.time() - start:.2f}s", file=sys.stderr)
