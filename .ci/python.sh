#!/usr/bin/env bash
# CI for the Python package and the Spark job (issue 8):
#   1. clippy on the bindings with the `python` feature (the workspace run checks only the core);
#   2. build the abi3 wheel with maturin (release), install it into a fresh venv, run pytest;
#   3. start a local Spark standalone master and two workers on 127.0.0.1, run
#      examples/spark/presslens_job.py over a few hundred articles made here from ../shared/data
#      (PolNeAR texts; nothing is committed), run `presslens batch` on the same input, and compare
#      the two record for record (examples/spark/compare.py); then stop Spark.
# Installs what it needs from PyPI into venvs under $WORK. Needs python3 (>= 3.9), Java 17, cargo.
# Usage: bash .ci/python.sh        (env: CARGO_TARGET_DIR, PRESSLENS_PY_WORK, PRESSLENS_SHARED,
#                                    PRESSLENS_PY_ARTICLES)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TERM_COLOR=never
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${PRESSLENS_PY_WORK:-$TARGET/python-ci}
SHARED=${PRESSLENS_SHARED:-$ROOT/../shared}
N_ARTICLES=${PRESSLENS_PY_ARTICLES:-300}
T0=$(date +%s)
LAST=$T0
step() {
    local now
    now=$(date +%s)
    echo "== python: $1 (previous step $((now - LAST)) s, total $((now - T0)) s)"
    LAST=$now
}

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

rm -rf "$WORK"
mkdir -p "$WORK"

step "cargo clippy -p presslens-py --features python"
cargo clippy -p presslens-py --features python --all-targets --release -- -D warnings

step "build tools venv (maturin)"
python3 -m venv "$WORK/tools"
"$WORK/tools/bin/pip" install -q --disable-pip-version-check maturin

step "maturin build --release (abi3 wheel)"
"$WORK/tools/bin/maturin" build --release --manifest-path crates/presslens-py/Cargo.toml \
    --interpreter python3 --out "$WORK/wheels"
WHEEL=$(ls "$WORK"/wheels/presslens-*-abi3-*.whl)
echo "wheel: $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1))"

step "fresh venv: pip install the wheel, pytest, pandas, pyarrow, pyspark"
python3 -m venv "$WORK/venv"
PY=$WORK/venv/bin/python
"$PY" -m pip install -q --disable-pip-version-check "$WHEEL" pytest pandas pyarrow pyspark

step "cargo build --release -p presslens-cli (presslens batch)"
cargo build --release -p presslens-cli
BIN=$TARGET/release/presslens

step "pytest (the installed wheel)"
# Run from $WORK so that nothing but the installed package can be imported as `presslens`.
(cd "$WORK" && PRESSLENS_BIN=$BIN "$PY" -m pytest -q -p no:cacheprovider "$ROOT/crates/presslens-py/tests")

step "corpus: $N_ARTICLES PolNeAR articles as JSON Lines (plus bad records), and Parquet"
"$PY" - "$SHARED/data/polnear" "$WORK/corpus" "$N_ARTICLES" <<'EOF'
import csv, json, os, sys
import pyarrow as pa, pyarrow.parquet as pq
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
meta = {}
with open(os.path.join(src, "data", "metadata.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        meta[row["filename"]] = row
recs = []
for split in ("train", "dev"):
    d = os.path.join(src, "data", split, "text")
    for name in sorted(os.listdir(d)):
        stem = name[:-4] if name.endswith(".txt") else name
        m = meta.get(stem, {})
        rec = {"id": f"{split}/{stem}", "text": open(os.path.join(d, name), encoding="utf-8").read()}
        if m.get("title") not in (None, "", "None"):
            rec["title"] = m["title"]
        if m.get("publication_date") not in (None, "", "None"):
            rec["published"] = m["publication_date"]
        if m.get("publisher") not in (None, "", "None"):
            rec["outlet"] = m["publisher"]
        if m.get("author") not in (None, "", "None"):
            rec["authors"] = [m["author"]]
        recs.append(rec)
step = max(1, len(recs) // n)
recs = recs[::step][:n]
# Records presslens must turn into error records, and a numeric id.
recs[5:5] = [{"id": "bad-no-text", "title": "No body"},
             {"id": "bad-date", "text": "Officials said so.", "published": "sometime"},
             {"id": "bad-empty", "text": "  \n "},
             {"id": 4242, "text": "Police said two people were hurt on Monday.", "published": "2016-10-03"}]
with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
small = [dict(r, id=str(r["id"])) for r in recs[:40]]
with open(os.path.join(out, "small.jsonl"), "w", encoding="utf-8") as f:
    for r in small:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
schema = pa.schema([(k, pa.string()) for k in ("id", "text", "title", "published", "outlet")]
                   + [("authors", pa.list_(pa.string()))])
cols = {k: [r.get(k) for r in small] for k in schema.names}
pq.write_table(pa.table(cols, schema=schema), os.path.join(out, "small.parquet"))
print(f"{len(recs)} records, {sum(len(r.get('text', '')) for r in recs)} characters; parquet {len(small)}")
EOF

step "presslens batch on the same input"
for name in corpus small; do
    rc=0
    "$BIN" batch "$WORK/corpus/$name.jsonl" --out "$WORK/batch-$name.jsonl" --threads 2 || rc=$?
    # The corpus holds three bad records on purpose: exit code 1 (some input failed) is expected.
    if [ "$rc" -ne 1 ]; then
        echo "presslens batch $name: exit code $rc, expected 1" >&2
        exit 1
    fi
done

step "start Spark standalone: master + 2 workers on 127.0.0.1"
export SPARK_HOME
SPARK_HOME=$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export JAVA_HOME
export PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS=$WORK/spark-local SPARK_LOG_DIR=$WORK/spark-logs
mkdir -p "$SPARK_LOCAL_DIRS" "$SPARK_LOG_DIR"
read -r MPORT UI0 UI1 UI2 < <("$PY" -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
for s in socks:
    s.close()')
MASTER=spark://127.0.0.1:$MPORT
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MPORT" --webui-port "$UI0" >"$SPARK_LOG_DIR/master.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 120); do
    grep -q "I have been elected leader" "$SPARK_LOG_DIR/master.log" && break
    sleep 0.5
done
grep -q "I have been elected leader" "$SPARK_LOG_DIR/master.log" || {
    cat "$SPARK_LOG_DIR/master.log"
    echo "Spark master did not start" >&2
    exit 1
}
for w in 1 2; do
    mkdir -p "$WORK/spark-worker$w"
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 2g --webui-port "$([ $w = 1 ] && echo "$UI1" || echo "$UI2")" \
        --work-dir "$WORK/spark-worker$w" "$MASTER" >"$SPARK_LOG_DIR/worker$w.log" 2>&1 &
    PIDS+=($!)
done
for i in $(seq 1 120); do
    [ "$(grep -c "Registering worker" "$SPARK_LOG_DIR/master.log")" -ge 2 ] && break
    sleep 0.5
done
[ "$(grep -c "Registering worker" "$SPARK_LOG_DIR/master.log")" -ge 2 ] || {
    tail -n 30 "$SPARK_LOG_DIR"/*.log
    echo "Spark workers did not register" >&2
    exit 1
}
echo "master $MASTER with 2 workers (1 core, 2 GiB each)"

submit() {
    "$SPARK_HOME/bin/spark-submit" --master "$MASTER" \
        --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
        --conf spark.executor.cores=1 --conf spark.executor.memory=1g \
        --conf spark.driver.memory=1g \
        --conf spark.sql.shuffle.partitions=4 \
        --conf "spark.pyspark.python=$PY" --conf spark.log.level=WARN \
        examples/spark/presslens_job.py "$@"
}

step "Spark job: JSON Lines ($N_ARTICLES articles) on 2 workers"
submit --input "$WORK/corpus/corpus.jsonl" --out "$WORK/spark-out"
step "compare with presslens batch"
"$PY" examples/spark/compare.py "$WORK/spark-out" "$WORK/batch-corpus.jsonl"

step "Spark job: Parquet input (40 articles)"
submit --input "$WORK/corpus/small.parquet" --out "$WORK/spark-out-parquet"
step "compare with presslens batch"
"$PY" examples/spark/compare.py "$WORK/spark-out-parquet" "$WORK/batch-small.jsonl"

step "stop Spark"
cleanup
PIDS=()
step "done: python CI passed in $(( $(date +%s) - T0 )) s"
