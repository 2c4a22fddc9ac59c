#!/usr/bin/env python3
"""Scores the labelled pairs with veza and its peers, side by side.

Usage: evaluate.py PAIRS.csv VEZA_SCORES.csv [--peers] [--split dev|test|all]

Peers (installed by run.sh from PyPI):
* nomenklatura LogicV2 on followthemoney Person entities (name only);
* rapidfuzz token_sort_ratio on unidecode'd, lower-cased names;
* Jaro-Winkler (jellyfish) on unidecode'd, lower-cased names.

Reports, per matcher: ROC AUC over all pairs, AUC of true variants against
hard negatives only, best F1 over thresholds, and pairs per second.
"""

import argparse
import csv
import sys
import time


def auc(pos, neg):
    """Mann-Whitney U / (|pos||neg|), ties counted half."""
    if not pos or not neg:
        return float("nan")
    items = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i, n = 0.0, 0, len(items)
    while i < n:
        j = i
        while j < n and items[j][0] == items[i][0]:
            j += 1
        avg = (i + j + 1) / 2.0
        rank_sum += avg * sum(1 for k in range(i, j) if items[k][1] == 1)
        i = j
    u = rank_sum - len(pos) * (len(pos) + 1) / 2.0
    return u / (len(pos) * len(neg))


def best_f1(scores, labels):
    pairs = sorted(zip(scores, labels), reverse=True)
    total_pos = sum(labels)
    tp = fp = 0
    best = (0.0, 1.0)
    i = 0
    while i < len(pairs):
        t = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == t:
            if pairs[i][1]:
                tp += 1
            else:
                fp += 1
            i += 1
        p = tp / (tp + fp)
        r = tp / total_pos if total_pos else 0
        f = 2 * p * r / (p + r) if p + r else 0
        if f > best[0]:
            best = (f, t)
    return best


def metrics(rows, scores):
    labels = [int(r["label"]) for r in rows]
    pos = [s for s, r in zip(scores, rows) if r["kind"] == "variant"]
    neg_all = [s for s, r in zip(scores, rows) if r["kind"] != "variant"]
    neg_hard = [s for s, r in zip(scores, rows) if r["kind"] == "hard_negative"]
    f1, thr = best_f1(scores, labels)
    return auc(pos, neg_all), auc(pos, neg_hard), f1, thr


def peer_scorers():
    from unidecode import unidecode
    import jellyfish
    from rapidfuzz import fuzz

    def fold(s):
        return unidecode(s).lower()

    def jw(a, b):
        return jellyfish.jaro_winkler_similarity(fold(a), fold(b))

    def rf(a, b):
        return fuzz.token_sort_ratio(fold(a), fold(b)) / 100.0

    from followthemoney import model
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algo = get_algorithm("logic-v2")
    cfg = ScoringConfig.defaults()
    counter = [0]

    def ent(name):
        counter[0] += 1
        e = model.make_entity("Person")
        e.id = f"q{counter[0]}"  # unique ids: the matcher caches by id
        e.add("name", name)
        return e

    def logic(a, b):
        return algo.compare(ent(a), ent(b), cfg).score

    return [
        ("nomenklatura logic-v2", logic),
        ("rapidfuzz token_sort (unidecode)", rf),
        ("jaro-winkler (unidecode)", jw),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("veza_scores")
    ap.add_argument("--veza-rate", type=float, default=0.0)
    ap.add_argument("--peers", action="store_true")
    args = ap.parse_args()
    rows = list(csv.DictReader(open(args.pairs, encoding="utf-8")))
    vrows = list(csv.DictReader(open(args.veza_scores, encoding="utf-8")))
    assert len(rows) == len(vrows), "veza output must have one row per input row"
    for r, v in zip(rows, vrows):
        assert r["a"] == v["a"] and r["b"] == v["b"], "veza output must keep input order"
    results = [("veza-names", [float(v["score"]) for v in vrows], args.veza_rate)]
    if args.peers:
        for name, fn in peer_scorers():
            fn("warm up", "warm up")
            t = time.time()
            s = [fn(r["a"], r["b"]) for r in rows]
            rate = len(rows) / (time.time() - t)
            results.append((name, s, rate))
    print(f"pairs: {len(rows)}  variants: {sum(r['kind']=='variant' for r in rows)}  "
          f"hard negatives: {sum(r['kind']=='hard_negative' for r in rows)}  "
          f"random negatives: {sum(r['kind']=='random_negative' for r in rows)}")
    print()
    print("| split | matcher | AUC all | AUC variant vs hard neg | best F1 (threshold) | pairs/s |")
    print("|---|---|---|---|---|---|")
    for split in ("all", "dev", "test"):
        idx = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
        sub = [rows[i] for i in idx]
        for name, s, rate in results:
            ss = [s[i] for i in idx]
            a_all, a_hard, f1, thr = metrics(sub, ss)
            print(f"| {split} | {name} | {a_all:.4f} | {a_hard:.4f} | {f1:.4f} ({thr:.3f}) | {rate:,.0f} |")
    if "--errors" in sys.argv:
        pass


if __name__ == "__main__":
    main()
