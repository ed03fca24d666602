#!/usr/bin/env python3
"""Pronoun resolution of the `entities` layer scored on GUM's coreference (news and other genres).

Usage (from the repository root, after `cargo build --release`):
    python3 bench/pronouns.py ../shared/data/gum/dep/GUM_news_*.conllu

Each GUM document's text is rebuilt from its tokens (SpaceAfter, paragraphs from `# newpar`)
and analysed with `presslens analyze --format json`. For every he/him/his/himself and
she/her/hers/herself that GUM marks as a mention of an entity, presslens's answer is correct
when the cluster holding that pronoun has a name, title or nominal mention overlapping one of
GUM's mentions of the same entity. Prints pronouns, resolved, correct, precision and recall;
then, for people's name mentions that match a GUM mention (same end), pairwise precision and
recall of putting two in one cluster (right when GUM has them as one entity).
Set PRESSLENS to score another binary, PRONOUN_LOG=1 to list every pronoun on standard error.
GUM is read at run time (CC BY-NC-SA / per-document licences in its README); nothing is copied.
"""
import json
import re
import subprocess
import sys
import tempfile

import os
BIN = os.environ.get("PRESSLENS", "target/release/presslens")
PRON = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}


def read(path):
    docs, toks, text, ents, stack, newpar = [], [], "", {}, [], False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc"):
            if toks:
                docs.append((text, toks, ents))
            toks, text, ents, stack = [], "", {}, []
        if line.startswith("# newpar"):
            newpar = True
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if text:
            text += "\n\n" if newpar else ("" if toks and toks[-1][3] else " ")
        newpar = False
        start = len(text)
        text += cols[1]
        misc = cols[9]
        no_space = "SpaceAfter=No" in misc
        m = re.search(r"Entity=([^|]*)", misc)
        if m:
            ann = m.group(1)
            for o in re.finditer(r"\((\d+)-[^()]*(\))?|(\d+)\)", ann):
                if o.group(1) and o.group(2):
                    ents.setdefault(int(o.group(1)), []).append((start, len(text)))
                elif o.group(1):
                    stack.append((int(o.group(1)), start))
                else:
                    eid = int(o.group(3))
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == eid:
                            ents.setdefault(eid, []).append((stack[k][1], len(text)))
                            del stack[k]
                            break
        toks.append((start, len(text), cols[1], no_space))
    if toks:
        docs.append((text, toks, ents))
    return docs


def gum_entity(ents, a, b):
    """The GUM entity of the smallest GUM mention that ends where [a, b) ends and contains it."""
    best = None
    for eid, spans in ents.items():
        for (s, e) in spans:
            if e == b and s <= a and (best is None or e - s < best[0]):
                best = (e - s, eid)
    return best[1] if best else None


def main():
    n = resolved = correct = 0
    pairs_same = pairs_ok = gold_pairs = gold_found = 0
    for path in sys.argv[1:]:
        for text, toks, ents in read(path):
            with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                out = subprocess.run([BIN, "analyze", "--format", "json", "--input-format", "text", f.name],
                                     capture_output=True, text=True, check=True).stdout
            doc = json.loads(out)
            if doc["text"] != text:
                print(f"{path}: text changed by intake, skipped", file=sys.stderr)
                continue
            pron_of = {}
            for e in doc["entities"]:
                for m in e["mentions"]:
                    if m["kind"] == "pronoun":
                        pron_of[m["start"]] = e
            # Name mentions of people: are two in one cluster the same GUM entity, and are two
            # of the same GUM entity in one cluster?
            named = []
            for e in doc["entities"]:
                if e["type"] != "PERSON":
                    continue
                for m in e["mentions"]:
                    if m["kind"] == "name":
                        g = gum_entity(ents, m["start"], m["end"])
                        if g is not None:
                            named.append((e["id"], g))
            for x in range(len(named)):
                for y in range(x + 1, len(named)):
                    same_cluster = named[x][0] == named[y][0]
                    same_gold = named[x][1] == named[y][1]
                    pairs_same += same_cluster
                    pairs_ok += same_cluster and same_gold
                    gold_pairs += same_gold
                    gold_found += same_gold and same_cluster
            span_ent = {}
            for eid, spans in ents.items():
                for s in spans:
                    span_ent.setdefault(s, []).append(eid)
            for (s, e, w, _) in toks:
                if w.lower() not in PRON or (s, e) not in span_ent:
                    continue
                gold = set(span_ent[(s, e)])
                n += 1
                cl = pron_of.get(s)
                if cl is None:
                    continue
                resolved += 1
                ok = any(
                    m["kind"] != "pronoun" and any(a < m["end"] and m["start"] < b for g in gold for (a, b) in ents[g])
                    for m in cl["mentions"]
                )
                correct += ok
                if os.environ.get("PRONOUN_LOG"):
                    print(path, s, w, ok, cl["name"], text[max(0, s - 120):s + 20].replace("\n", " "), file=sys.stderr)
    p = correct / resolved if resolved else 0.0
    r = correct / n if n else 0.0
    print(f"pronouns {n}  resolved {resolved}  correct {correct}  precision {p:.3f}  recall {r:.3f}")
    pp = pairs_ok / pairs_same if pairs_same else 0.0
    pr = gold_found / gold_pairs if gold_pairs else 0.0
    print(f"person name pairs: in one cluster {pairs_same}  right {pairs_ok}  precision {pp:.3f}  "
          f"recall {pr:.3f} (of {gold_pairs} same-entity pairs)")


if __name__ == "__main__":
    main()
