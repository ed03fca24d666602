"""Checks the Spark job's Parquet output against ``presslens batch`` JSON Lines, record for record.

    python compare.py OUT_DIR BATCH.jsonl [--tokens]

Exits 1 and prints the first differences when any article or layer item differs: the same ids
(each once), the same full result per id, error records where batch has them (same message after
the ``input:line:`` prefix, which names different inputs), every layer table holding exactly the
result's items in order, and every row in the date partition of its article.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

import pyarrow as pa
import pyarrow.dataset as ds

# The layer list of the presslens/1 contract, from the package (one place to keep it).
from presslens import LAYERS


_WHERE = re.compile(r"^.*?:\d+: ")


def read_table(path: str) -> list:
    """Rows of a date-partitioned Parquet table, as dicts."""
    part = ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
    table = ds.dataset(path, format="parquet", partitioning=part).to_table()
    return table.to_pylist()


def date_of(value):
    return (
        value[:10]
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value)
        else None
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("batch")
    ap.add_argument("--tokens", action="store_true")
    args = ap.parse_args(argv)

    problems: list = []

    def bad(msg: str) -> None:
        problems.append(msg)

    with open(args.batch, encoding="utf-8") as f:
        batch = [json.loads(line) for line in f if line.strip()]
    want = {}
    for r in batch:
        if r.get("id") in want:
            bad(f"batch output has id {r.get('id')!r} twice")
        want[r.get("id")] = r

    rows = read_table(f"{args.out}/articles")
    ids = Counter(r["id"] for r in rows)
    for i, n in ids.items():
        if n > 1:
            bad(f"articles: id {i!r} {n} times")
    got = {r["id"]: r for r in rows}
    if set(got) != set(want):
        bad(
            f"articles: ids differ: only in Spark {sorted(set(got) - set(want), key=str)[:5]}, "
            f"only in batch {sorted(set(want) - set(got), key=str)[:5]}"
        )
    n_err = 0
    for i, w in want.items():
        g = got.get(i)
        if g is None:
            continue
        res = json.loads(g["result"])
        if "error" in w:
            n_err += 1
            if "error" not in res:
                bad(f"{i!r}: batch has an error record, Spark a result")
                continue
            a = _WHERE.sub("", w["error"]["message"])
            b = _WHERE.sub("", res["error"]["message"])
            if a != b or g["error"] != res["error"]["message"]:
                bad(f"{i!r}: error messages differ: {a!r} vs {b!r}")
            continue
        if res != w:
            keys = [k for k in set(res) | set(w) if res.get(k) != w.get(k)]
            bad(f"{i!r}: results differ in {sorted(keys)}")
            continue
        if g["error"] is not None:
            bad(f"{i!r}: error column set on a result")
        if g["date"] != date_of(w["document"]["published"]):
            bad(
                f"{i!r}: in partition date={g['date']}, published {w['document']['published']!r}"
            )

    n_items = 0
    for layer in LAYERS:
        if layer == "tokens" and not args.tokens:
            continue
        by_id = defaultdict(list)
        for r in read_table(f"{args.out}/{layer}"):
            by_id[r["id"]].append(r)
        for i, w in want.items():
            items = [] if "error" in w else w.get(layer, [])
            rs = sorted(by_id.pop(i, []), key=lambda r: r["index"])
            if [r["index"] for r in rs] != list(range(len(rs))):
                bad(f"{layer}: {i!r}: indexes are not 0..n-1")
            if len(rs) != len(items):
                bad(f"{layer}: {i!r}: {len(rs)} rows, batch has {len(items)} items")
                continue
            for r, it in zip(rs, items):
                n_items += 1
                if json.loads(r["item"]) != it:
                    bad(f"{layer}: {i!r} item {r['index']} differs")
                    break
                if isinstance(it, dict) and (r["start"], r["end"], r["text"]) != (
                    it.get("start"),
                    it.get("end"),
                    it.get("text") if isinstance(it.get("text"), str) else None,
                ):
                    bad(f"{layer}: {i!r} item {r['index']}: span columns differ")
                    break
                if r["date"] != date_of(w["document"]["published"]):
                    bad(f"{layer}: {i!r}: row in partition date={r['date']}")
                    break
        if by_id:
            bad(
                f"{layer}: rows for ids batch does not have: {sorted(by_id, key=str)[:5]}"
            )

    if problems:
        print(
            f"compare: {len(problems)} differences between Spark and presslens batch:"
        )
        for p in problems[:30]:
            print("  " + p)
        return 1
    print(
        f"compare: Spark output equals presslens batch: {len(want)} records "
        f"({n_err} error records), {n_items} layer items"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
