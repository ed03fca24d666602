#!/usr/bin/env python3
"""Where the pipeline's attribution contents miss PolNeAR's: exact, other boundaries, or not found.

Usage (from the repository root, after `cargo build --release`):
    python3 bench/attribution_misses.py ../shared/data/polnear/data/dev [N_CUES]

Every gold content segment of every annotator's `.ann` file is compared with the `content`
spans of `presslens analyze --format json` on the article: the same span (exact), an
overlapping span with other boundaries, or no overlapping span at all (missed). For the missed
ones it lists the gold cue words, most frequent first. PolNeAR is read at run time (research
use); nothing is copied. Set PRESSLENS to score another binary.
"""
import collections
import glob
import json
import os
import subprocess
import sys

BIN = os.environ.get("PRESSLENS", "target/release/presslens")


def main():
    split = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    texts = sorted(glob.glob(os.path.join(split, "text", "*.txt")))
    out = subprocess.run([BIN, "analyze", "--format", "jsonl", "--input-format", "text", *texts],
                         capture_output=True, text=True, check=True).stdout
    docs = {}
    for path, line in zip(texts, out.splitlines()):
        docs[os.path.basename(path)[:-4]] = json.loads(line)
    exact = other = missed = 0
    cues = collections.Counter()
    for ann in sorted(glob.glob(os.path.join(split, "attributions", "*.ann"))):
        name = os.path.basename(ann)[:-4]
        base = next((b for b in docs if name.startswith(b)), None)
        if base is None:
            continue
        doc = docs[base]
        text = open(os.path.join(split, "text", base + ".txt"), encoding="utf-8").read()
        if doc.get("text") != text:
            continue
        pred = [(a["content"]["start"], a["content"]["end"]) for a in doc["attributions"]]
        spans, events = {}, []
        for line in open(ann, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if cols[0].startswith("T"):
                kind, segs = cols[1].split(" ", 1)
                spans[cols[0]] = (kind, [tuple(map(int, s.split())) for s in segs.split(";")])
            elif cols[0].startswith("E"):
                events.append(dict(x.split(":") for x in cols[1].split()))
        for e in events:
            if "Content" not in e:
                continue
            for (s, t) in spans[e["Content"]][1]:
                if (s, t) in pred:
                    exact += 1
                elif any(a < t and s < b for (a, b) in pred):
                    other += 1
                else:
                    missed += 1
                    cue = " ".join(text[a:b] for (a, b) in spans[e["Cue"]][1]) if "Cue" in e else "-"
                    cues[cue.lower()] += 1
    print(f"gold content segments {exact + other + missed}: exact {exact}, other boundaries {other}, missed {missed}")
    print("cues of the missed ones:", ", ".join(f"{c} {n}" for c, n in cues.most_common(top)))


if __name__ == "__main__":
    main()
