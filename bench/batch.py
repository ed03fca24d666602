#!/usr/bin/env python3
"""Throughput and memory of `presslens batch` on a >= 10,000-article corpus.

Builds the corpus in /tmp (never in the repository) from the PolNeAR and PTC texts in
../shared/data: half as .txt files in nested directories, half as JSON Lines records split
across .jsonl, .jsonl.gz and .jsonl.zst (when the zstd module or command is missing: .gz). Texts are
cycled until the target count is reached; each cycle shifts the paragraphs so copies differ.
Then runs `presslens batch` with 1 and 2 threads under /usr/bin/time -v and prints articles/s,
words/s, the speed-up, and peak RSS.

    cargo build --release -p presslens-cli
    python3 bench/batch.py [--n 10000] [--bin target/release/presslens] [--data ../shared/data]
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time


def texts(data):
    dirs = [
        os.path.join(data, "polnear/data/train/text"),
        os.path.join(data, "polnear/data/dev/text"),
        os.path.join(data, "ptc/train-articles"),
    ]
    out = []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                    out.append((name, f.read()))
    return out


def build(data, root, n):
    src = texts(data)
    if not src:
        sys.exit(f"no texts under {data}")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    words = 0
    records = []
    zst = shutil.which("zstd")
    for i in range(n):
        name, text = src[i % len(src)]
        cycle = i // len(src)
        paras = text.split("\n\n")
        if cycle and len(paras) > 2:
            k = 1 + cycle % (len(paras) - 1)
            paras = paras[:1] + paras[k:] + paras[1:k]
        body = "\n\n".join(paras)
        words += len(body.split())
        if i % 2 == 0:
            d = os.path.join(root, "files", f"{i // 1000:03d}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"{i:06d}-{name}"), "w", encoding="utf-8") as f:
                f.write(body)
        else:
            m = re.match(r"([a-z-]+)_(\d{4}-\d{2}-\d{2})_", name)
            rec = {"id": f"r{i}", "text": body}
            if m:
                rec["outlet"], rec["published"] = m.group(1), m.group(2)
            records.append(json.dumps(rec))
    third = len(records) // 3
    with open(os.path.join(root, "a.jsonl"), "w") as f:
        f.write("\n".join(records[:third]) + "\n")
    with gzip.open(os.path.join(root, "b.jsonl.gz"), "wt") as f:
        f.write("\n".join(records[third : 2 * third]) + "\n")
    rest = "\n".join(records[2 * third :]) + "\n"
    if zst:
        plain = os.path.join(root, "c.jsonl")
        with open(plain, "w") as f:
            f.write(rest)
        subprocess.run([zst, "-q", "--rm", plain, "-o", plain + ".zst"], check=True)
    else:
        with gzip.open(os.path.join(root, "c.jsonl.gz"), "wt") as f:
            f.write(rest)
    return words


def run(binary, root, threads):
    out = f"/tmp/presslens-bench-out-{threads}.jsonl"
    if os.path.exists(out):
        os.remove(out)
    cmd = ["/usr/bin/time", "-v", binary, "batch", root, "--out", out, "--threads", str(threads)]
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.time() - t0
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    summ = re.search(r"batch: (\d+) ok, (\d+) errors", p.stderr)
    if not summ:
        sys.exit(f"batch failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    with open(out) as f:
        lines = sum(1 for _ in f)
    return secs, int(rss.group(1)) if rss else 0, int(summ.group(1)), int(summ.group(2)), lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--bin", default="target/release/presslens")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--root", default="/tmp/presslens-bench-corpus")
    a = ap.parse_args()
    words = build(a.data, a.root, a.n)
    print(f"corpus: {a.n} articles, {words} words in {a.root}")
    base = None
    for threads in (1, 2):
        secs, rss, ok, err, lines = run(a.bin, a.root, threads)
        rate = a.n / secs
        base = base or rate
        print(
            f"threads {threads}: {secs:.1f} s, {rate:.1f} articles/s, {words / secs:,.0f} words/s, "
            f"speed-up {rate / base:.2f}x, peak RSS {rss / 1024:.0f} MB, {ok} ok, {err} errors, {lines} lines"
        )


if __name__ == "__main__":
    main()
