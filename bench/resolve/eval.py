"""Pairwise and B-cubed precision, recall and F1 of clusters against truth.

python eval.py CLUSTERS.csv TRUTH.csv [--inputs A.csv B.csv] [--pairs PAIRS.csv]

TRUTH has record_id,person_id. With --inputs (link-only runs), only pairs
across inputs count. With --pairs (a,b,p scored pairs), also prints the
pairwise F1 of connected components at several probability thresholds.
"""
import csv
import sys
from collections import Counter, defaultdict
from itertools import combinations


def read(path, key, val):
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        return {row[key].strip(): row[val].strip() for row in r}


def pairs(labels, source):
    groups = defaultdict(list)
    for rid, c in labels.items():
        groups[c].append(rid)
    out = set()
    for g in groups.values():
        for a, b in combinations(sorted(g), 2):
            if source is None or source[a] != source[b]:
                out.add((a, b))
    return out


def prf(p, r):
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(pred, truth, source):
    ps, ts = pairs(pred, source), pairs(truth, source)
    tp = len(ps & ts)
    pw = prf(tp / len(ps) if ps else 1.0, tp / len(ts) if ts else 1.0)
    both = Counter((pred[r], truth[r]) for r in truth)
    pc, tc = Counter(pred[r] for r in truth), Counter(truth.values())
    n = len(truth)
    bp = sum(both[(pred[r], truth[r])] / pc[pred[r]] for r in truth) / n
    br = sum(both[(pred[r], truth[r])] / tc[truth[r]] for r in truth) / n
    return pw, prf(bp, br)


def main():
    args = sys.argv[1:]
    clusters, truth_path = args[0], args[1]
    inputs, pairs_path = [], None
    i = 2
    while i < len(args):
        if args[i] == "--inputs":
            i += 1
            while i < len(args) and not args[i].startswith("--"):
                inputs.append(args[i])
                i += 1
        elif args[i] == "--pairs":
            pairs_path = args[i + 1]
            i += 2
        else:
            sys.exit(f"unknown argument {args[i]}")
    truth = read(truth_path, "record_id", "person_id")
    pred = read(clusters, "record_id", "cluster_id")
    assert set(pred) == set(truth), "clusters and truth cover different records"
    source = None
    if inputs:
        source = {}
        for k, p in enumerate(inputs):
            for rid in read(p, next(iter(csv.DictReader(open(p)).fieldnames or [])), next(iter(csv.DictReader(open(p)).fieldnames or []))):
                source[rid] = k
    pw, b3 = scores(pred, truth, source)
    print(f"pairwise P {pw[0]:.4f} R {pw[1]:.4f} F1 {pw[2]:.4f} | b-cubed P {b3[0]:.4f} R {b3[1]:.4f} F1 {b3[2]:.4f}")
    if pairs_path:
        scored = []
        with open(pairs_path, newline="") as f:
            for row in csv.DictReader(f):
                scored.append((row["a"], row["b"], float(row["p"])))
        for t in [0.5, 0.9, 0.99, 0.999]:
            parent = {r: r for r in truth}

            def find(x):
                while parent[x] != x:
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                return x

            for a, b, p in scored:
                if p >= t:
                    parent[find(a)] = find(b)
            lab = {r: find(r) for r in truth}
            pw_t, _ = scores(lab, truth, source)
            print(f"  components at p >= {t}: pairwise F1 {pw_t[2]:.4f}")


main()
