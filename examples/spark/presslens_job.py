"""presslens on Apache Spark: articles in (JSON Lines or Parquet), one Parquet table per layer out.

    spark-submit examples/spark/presslens_job.py --input articles.jsonl --out out/

Each article is a row ``{id, text, title?, published?, url?, outlet?, authors?}`` (the record of
``presslens batch``'s JSON Lines input). The executors run presslens through its Python package
(``pip install presslens-*.whl`` on every node) with ``mapInArrow``; every article is analysed
once. The output directory then holds:

- ``articles/``: one row per article: ``id``, ``published``, ``outlet``, ``url``, ``title``,
  ``error`` (the message, or null) and ``result`` (the whole ``presslens/1`` JSON, exactly what
  ``presslens batch`` writes for the same record);
- one table per layer (``sentences/``, ``entities/``, ``attributions/``, ``distancing/``,
  ``timexes/``, ``quantities/``, ``framing/``, ``sources/``; ``tokens/`` with ``--tokens``): one
  row per item: ``id``, ``index`` (position in the layer), ``start``, ``end``, ``text`` (the
  evidence span, when the item is one) and ``item`` (the item's JSON);

all partitioned by ``date`` (``YYYY-MM-DD`` of the article's publication time, from the result or
else the input; ``__HIVE_DEFAULT_PARTITION__`` when unknown). See README.md beside this file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The layer list of the presslens/1 contract, from the package (one place to keep it).
from presslens import LAYERS
from pyspark.sql import types as T

#: Record columns presslens reads; others are ignored.
RECORD_COLUMNS = ("id", "text", "title", "published", "url", "outlet", "authors")

#: The JSON Lines input schema. Strings throughout, so a numeric id keeps its JSON spelling.
INPUT_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("outlet", T.StringType()),
        T.StructField("authors", T.ArrayType(T.StringType())),
    ]
)


#: One long row type that carries every table's rows out of the executors in one pass.
LONG_SCHEMA = T.StructType(
    [
        T.StructField("table", T.StringType(), False),
        T.StructField("id", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("index", T.LongType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
        T.StructField("text", T.StringType()),
        T.StructField("item", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("outlet", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("error", T.StringType()),
    ]
)

ARTICLE_COLUMNS = [
    "id",
    "published",
    "outlet",
    "url",
    "title",
    "error",
    "result",
    "date",
]
LAYER_COLUMNS = ["id", "index", "start", "end", "text", "item", "date"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def date_of(value):
    """``YYYY-MM-DD`` from a presslens date string, or None."""
    if isinstance(value, str) and _DATE.match(value):
        return value[:10]
    return None


def compact(value) -> str:
    """Compact JSON, as ``presslens batch`` writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def arrow_schema():
    """LONG_SCHEMA as an Arrow schema, for the record batches mapInArrow yields."""
    import pyarrow as pa

    types = {"index": pa.int64(), "start": pa.int64(), "end": pa.int64()}
    return pa.schema(
        [
            pa.field(f.name, types.get(f.name, pa.string()), f.nullable)
            for f in LONG_SCHEMA
        ]
    )


def analyze_partition(batches, threads: int, published, tokens: bool, timeout: float):
    """mapInArrow body: Arrow batches of articles in, long rows (every table) out."""
    import presslens
    import pyarrow as pa

    schema = arrow_schema()
    for batch in batches:
        records = batch.to_pylist()  # dicts; nulls are None, authors a list
        results = presslens.analyze_many(
            records,
            threads=threads,
            published=published,
            tokens=tokens,
            timeout=timeout,
        )
        rows = []
        for rec, res in zip(records, results):
            rid = res.get("id")
            err = res.get("error")
            doc = res.get("document") or {}
            when = doc.get("published") if err is None else None
            date = date_of(when) or date_of(published) or date_of(rec.get("published"))
            title = doc.get("title")
            rows.append(
                {
                    "table": "articles",
                    "id": rid,
                    "date": date,
                    "item": compact(res),
                    "published": when,
                    "outlet": doc.get("outlet"),
                    "url": doc.get("url"),
                    "title": title.get("text") if isinstance(title, dict) else None,
                    "error": err.get("message") if isinstance(err, dict) else None,
                }
            )
            if err is not None:
                continue
            for layer in LAYERS:
                for i, it in enumerate(res.get(layer) or []):
                    span = it if isinstance(it, dict) else {}
                    text = span.get("text")
                    rows.append(
                        {
                            "table": layer,
                            "id": rid,
                            "date": date,
                            "index": i,
                            "start": span.get("start"),
                            "end": span.get("end"),
                            "text": text if isinstance(text, str) else None,
                            "item": compact(it),
                        }
                    )
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def read_articles(spark: SparkSession, path: str, fmt: str):
    """The input as a DataFrame with the record columns it has."""
    if fmt == "auto":
        p = path.rstrip("/")
        if p.endswith(".parquet") or (
            os.path.isdir(p) and any(n.endswith(".parquet") for n in os.listdir(p))
        ):
            fmt = "parquet"
        else:
            fmt = "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(path)
    else:
        df = spark.read.schema(INPUT_SCHEMA).json(path)
    cols = [c for c in RECORD_COLUMNS if c in df.columns]
    if "text" not in cols:
        raise SystemExit(f"presslens_job: {path}: the input has no 'text' column")
    df = df.select(*cols)
    if "id" in df.columns:
        df = df.withColumn("id", F.col("id").cast("string"))
    if "published" in df.columns:
        df = df.withColumn("published", F.col("published").cast("string"))
    return df


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--input",
        required=True,
        action="append",
        help="JSON Lines file(s)/directory or Parquet (repeatable; any Hadoop path)",
    )
    ap.add_argument("--format", choices=("auto", "jsonl", "parquet"), default="auto")
    ap.add_argument("--out", required=True, help="output directory (overwritten)")
    ap.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="repartition the articles into N tasks (0: 2 x default parallelism)",
    )
    ap.add_argument(
        "--threads",
        type=int,
        default=1,
        help="presslens threads per task (match spark.task.cpus)",
    )
    ap.add_argument(
        "--published", default=None, help="reference date for every article"
    )
    ap.add_argument("--tokens", action="store_true", help="also write the tokens table")
    ap.add_argument(
        "--timeout", type=float, default=60.0, help="seconds per article (0: none)"
    )
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("presslens").getOrCreate()
    t0 = time.time()
    df = None
    for path in args.input:
        part = read_articles(spark, path, args.format)
        df = part if df is None else df.unionByName(part, allowMissingColumns=True)
    n = args.partitions or 2 * spark.sparkContext.defaultParallelism
    df = df.repartition(n)
    threads, published, tokens, timeout = (
        args.threads,
        args.published,
        args.tokens,
        args.timeout,
    )

    def body(batches):
        return analyze_partition(batches, threads, published, tokens, timeout)

    long = df.mapInArrow(body, schema=LONG_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    out = args.out.rstrip("/")
    articles = (
        long.where(F.col("table") == "articles")
        .withColumnRenamed("item", "result")
        .select(*ARTICLE_COLUMNS)
    )
    articles.write.mode("overwrite").partitionBy("date").parquet(f"{out}/articles")
    tables = [t for t in LAYERS if tokens or t != "tokens"]
    for layer in tables:
        t = long.where(F.col("table") == layer).select(*LAYER_COLUMNS)
        t.write.mode("overwrite").partitionBy("date").parquet(f"{out}/{layer}")
    counts = {
        r["table"]: (r["rows"], r["errors"])
        for r in long.groupBy("table")
        .agg(
            F.count(F.lit(1)).alias("rows"),
            F.count(F.col("error")).alias("errors"),
        )
        .collect()
    }
    long.unpersist()
    n, errors = counts.get("articles", (0, 0))
    print(
        f"presslens_job: {n} articles ({errors} errors) in {time.time() - t0:.1f} s; "
        + ", ".join(f"{t} {counts.get(t, (0, 0))[0]}" for t in tables),
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
