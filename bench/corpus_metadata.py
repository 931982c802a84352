#!/usr/bin/env python3
"""Metadata accuracy of `dossier extract` (no manifest) on a gen-corpus dossier with --truth.

usage: bench/corpus_metadata.py DOSSIER_BIN CORPUS_DIR TRUTH_JSON

Scores title (normalised equality or containment), published, language, and outlet where the
source file names the outlet at all (otherwise the tool must say nothing or the page's own
site name). Prints per-field accuracy by format.
"""
import json, subprocess, sys, unicodedata, re
from collections import defaultdict

def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", s)).strip()

bin_, corpus, truth = sys.argv[1:4]
T = json.load(open(truth))
files = [f"{corpus}/{s['file']}" for s in T["sources"]]
out = subprocess.run([bin_, "extract", *files], capture_output=True, text=True, check=True).stdout
pred = {json.loads(l)["file"]: json.loads(l) for l in out.splitlines()}
score = defaultdict(lambda: [0, 0])
misses = []
for s in T["sources"]:
    path = f"{corpus}/{s['file']}"
    fmt = s["file"].rsplit(".", 1)[1]
    m = pred[path]["metadata"]
    raw = open(path, encoding="utf-8").read()
    checks = {
        "title": norm(m["title"]) == norm(s["title"]) or (m["title"] and norm(s["title"]) in norm(m["title"])),
        "published": m["published"] == s["published"],
        "language": (m["language"] or "")[:2] == s["language"],
    }
    if s["outlet"] in raw:
        checks["outlet"] = norm(m["outlet"]) == norm(s["outlet"])
    for k, ok in checks.items():
        score[(fmt, k)][0] += bool(ok)
        score[(fmt, k)][1] += 1
        if not ok:
            misses.append((s["file"], k, m.get(k), s.get(k)))
for (fmt, k), (a, n) in sorted(score.items()):
    print(f"{fmt:5} {k:10} {a}/{n} = {a/n:.3f}")
tot = sum(a for a, _ in score.values()), sum(n for _, n in score.values())
print(f"all   {tot[0]}/{tot[1]} = {tot[0]/tot[1]:.3f}")
for miss in misses[:25]:
    print("MISS", *miss)
