#!/usr/bin/env python3
"""Cross-checks the Latin spellings of the Arabic-script name tables against
the `units` table of arabic-name-romanizer 0.2.0 (UNICEF, MIT; data from
Wikidata, CC0, and Algerian corpora), a package listed in
docs names.md §3-4 as a usable public source.

Usage: check_spellings.py PATH/TO/names.sqlite3 [--min N]

For every table row and country with at least N attestations (default 5),
prints the attested spellings by count and the share of attestations that
the row's spellings cover. Nothing is modified: the tables are edited by hand.
"""
import sqlite3
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
TABLES = {
    "arabic.tsv": ["SY", "IQ", "EG", "MA", "DZ"],
    "persian.tsv": ["AF", "IR"],
    "urdu.tsv": ["PK"],
    "kurdish.tsv": ["IQ", "SY"],
}


def key(native: str) -> str:
    """The database's key normalisation: one alef, ي for ی/ى, ه for ة, ك for ک."""
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي",
                           "ة": "ه", "ک": "ك", "ۀ": "ه", "\u200c": ""})
    return native.translate(table)


def spellings_for(field: str, cc: str) -> list[str]:
    groups, current = [], None
    for token in field.split(" "):
        head = token.split("=", 1)[0]
        if "=" in token and (head == "*" or all(len(k) == 2 and k.isupper() for k in head.split(","))):
            current = [head, token.split("=", 1)[1]]
            groups.append(current)
        elif current is not None:
            current[1] += " " + token
    default = []
    for keys, spellings in groups:
        if keys == "*":
            default = spellings.split("|")
        elif cc in keys.split(","):
            return spellings.split("|")
    return default


def main() -> None:
    db = sqlite3.connect(sys.argv[1])
    minimum = int(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 5
    total_rows = covered_rows = 0
    for name, countries in TABLES.items():
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            kind, ccs, _weight, native, roms = line.split("\t")
            for cc in countries:
                if ccs != "*" and cc not in ccs.split(","):
                    continue
                rows = db.execute(
                    "select latin, sum(count) from units where arabic_key = ? and country = ? "
                    "group by latin order by 2 desc", (key(native), cc)).fetchall()
                n = sum(c for _, c in rows)
                if n < minimum:
                    continue
                ours = {s.lower() for s in spellings_for(roms, cc)}
                hit = sum(c for latin, c in rows if latin.lower() in ours)
                total_rows += 1
                covered_rows += hit / n >= 0.5
                top = ", ".join(f"{latin} {c}" for latin, c in rows[:5])
                flag = "" if hit / n >= 0.5 else "  <-- check"
                print(f"{name:12} {cc} {kind:2} {native:12} ours={'|'.join(spellings_for(roms, cc)):40} "
                      f"covered {100 * hit / n:5.1f}% of {n:5}: {top}{flag}")
    print(f"\n{covered_rows}/{total_rows} row-country pairs have at least half of their attestations covered")


if __name__ == "__main__":
    main()
