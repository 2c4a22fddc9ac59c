#!/usr/bin/env python3
"""Compares two score files of veza-names on the labelled pairs, overall and
by part of the set (the parts of docs/names.md, Evaluation).

Usage: compare_versions.py PAIRS.csv OLD_SCORES.csv NEW_SCORES.csv [--changes N]

run.sh calls it with matcher v1 as old and the default (v2) as new.

Score files are the `a,b,score` output of `score_pairs` (or `veza names
score --pairs`), in the order of PAIRS.csv. With --changes, prints the N
pairs whose score moved most, for review.
"""

import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from evaluate import auc, best_f1  # noqa: E402


def part(r):
    s = r["source"]
    if s.startswith("hand-foreign-heldout"):
        return "hand-foreign-heldout"
    if s.startswith("hand"):
        return "hand"
    if s == "typo-perturbation":
        return "typo"
    if s.startswith("anr"):
        return "arabic-units"
    if s == "random-pair":
        return "random"
    return "lists"


def metrics(rows, scores):
    pos = [s for s, r in zip(scores, rows) if r["kind"] == "variant"]
    neg = [s for s, r in zip(scores, rows) if r["kind"] != "variant"]
    hard = [s for s, r in zip(scores, rows) if r["kind"] == "hard_negative"]
    f1, thr = best_f1(scores, [int(r["label"]) for r in rows])
    return auc(pos, neg), auc(pos, hard), f1, thr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--changes", type=int, default=0)
    args = ap.parse_args()
    rows = list(csv.DictReader(open(args.pairs, encoding="utf-8")))
    old = [float(x["score"]) for x in csv.DictReader(open(args.old, encoding="utf-8"))]
    new = [float(x["score"]) for x in csv.DictReader(open(args.new, encoding="utf-8"))]
    assert len(rows) == len(old) == len(new)
    print("| split | version | AUC all | AUC variants vs hard negatives | best F1 (threshold) |")
    print("|---|---|---|---|---|")
    for split in ["all", "dev", "test"]:
        idx = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
        for name, sc in [("old", old), ("new", new)]:
            a, h, f1, thr = metrics([rows[i] for i in idx], [sc[i] for i in idx])
            print(f"| {split} | {name} | {a:.4f} | {h:.4f} | {f1:.4f} ({thr:.3f}) |")
    print()
    print("| part (variants vs hard negatives; typo vs all hard negatives) | old | new |")
    print("|---|---|---|")
    hard_all = [i for i, r in enumerate(rows) if r["kind"] == "hard_negative"]
    for p in ["lists", "arabic-units", "hand", "hand-foreign-heldout", "typo"]:
        pos = [i for i, r in enumerate(rows) if part(r) == p and r["kind"] == "variant"]
        neg = hard_all if p == "typo" else [
            i for i, r in enumerate(rows) if part(r) == p and r["kind"] == "hard_negative"]
        vals = [auc([sc[i] for i in pos], [sc[i] for i in neg]) for sc in (old, new)]
        print(f"| {p} ({len(pos)} / {len(neg)}) | {vals[0]:.4f} | {vals[1]:.4f} |")
    if args.changes:
        moved = sorted(range(len(rows)), key=lambda i: -abs(new[i] - old[i]))[: args.changes]
        print()
        for i in moved:
            r = rows[i]
            print(f"{old[i]:.3f} -> {new[i]:.3f}  {r['kind']:<15} {r['a']} ~ {r['b']}")


if __name__ == "__main__":
    main()
