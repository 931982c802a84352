#!/usr/bin/env python3
"""Count predicted entities that match no gold entity of any type (a precision proxy the shared
scorer does not report). Matching is loose on purpose: equal after lowercasing, an alias, or one
name's tokens contained in the other's (so "Putin" vs "Vladimir Putin" is not a false positive).
Usage: entity_fp.py GOLD_DIR PRED_DIR [--list]"""
import glob, json, os, re, sys, unicodedata
import yaml

def toks(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return [t for t in re.split(r"[\W_]+", s) if t]

def matches(pred, gold_forms):
    pt = toks(pred)
    if not pt:
        return True
    for g in gold_forms:
        gt = toks(g)
        if not gt:
            continue
        if set(pt) <= set(gt) or set(gt) <= set(pt):
            return True
        # CJK: substring either way
        a, b = "".join(pt), "".join(gt)
        if re.search(r"[\u4e00-\u9fff]", a) and (a in b or b in a):
            return True
        # inflection: shared long prefix of every token
        if len(pt) == len(gt) and all(x[:4] == y[:4] for x, y in zip(pt, gt)):
            return True
    return False

gold_dir, pred_dir = sys.argv[1], sys.argv[2]
listing = "--list" in sys.argv
total = 0
for path in sorted(glob.glob(os.path.join(gold_dir, "*.yaml"))):
    gold = yaml.safe_load(open(path))
    name = os.path.splitext(os.path.basename(path))[0]
    forms = []
    for names in gold["entities"].values():
        for n in names or []:
            forms.append(n)
            forms.extend((gold.get("aliases") or {}).get(n, []))
    try:
        pred = json.load(open(os.path.join(pred_dir, name + ".json")))
    except FileNotFoundError:
        continue
    fps = [(k, e) for k, l in pred.get("entities", {}).items() for e in l if not matches(e, forms)]
    total += len(fps)
    if listing:
        for k, e in fps:
            print(f"  {name}: {k}: {e}")
print(f"entity false positives: {total}")
