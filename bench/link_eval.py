#!/usr/bin/env python3
"""Scores dossier's cross-linking against a gen-corpus truth file.

    cargo run --release --example link_eval -- DOSSIER_DIR /tmp/out.json   # or output/dossier.json
    python3 bench/link_eval.py TRUTH.json /tmp/out.json

Prints, as JSON:
- quote grouping precision / recall / F1 by the pair-counting method of gen-corpus.md, against
  the truth's `group` and `statement` ids, over all pairs and over pairs across sources only,
  for English-only and German-only pairs, and for pairs across languages;
- event clustering purity, inverse purity and their harmonic mean (sources without an event
  count as clusters of one), and pairwise precision / recall of "same event".
Standard library only.
"""
import json
import re
import sys
from collections import Counter, defaultdict


def norm(t):
    return " ".join(re.findall(r"\w+", t)).casefold()


def align(truth_quotes, tool_texts):
    """gen-corpus.md's in-order alignment: tool quote n -> truth quote index or None."""
    a, b = [norm(t) for t in tool_texts], [norm(q["text"]) for q in truth_quotes]

    def w(x, y):
        return 3 if x == y else 0 if not (x and y) else 2 if x.startswith(y) or y.startswith(x) else (
            1 if x in y or y in x else 0)

    n, m = len(a), len(b)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            wij = w(a[i], b[j])
            best[i][j] = max(best[i + 1][j], best[i][j + 1], wij + best[i + 1][j + 1] if wij else 0)
    out, i, j = [], 0, 0
    while i < n:
        wij = w(a[i], b[j]) if j < m else 0
        if wij and best[i][j] == wij + best[i + 1][j + 1]:
            out.append(j)
            i, j = i + 1, j + 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            out.append(None)
            i += 1
    return out


def pair_scores(T, predicted, key="group", keep=lambda a, b: True):
    """gen-corpus.md's pair counting; `keep(a, b)` restricts both truth and predicted pairs
    (a, b are (source id, quote index or None)). Without a restriction it is the formula of
    gen-corpus.md; with one, pairs are listed (groups are small)."""
    src = {s["id"]: s["quotes"] for s in T["sources"]}

    def base(sid, k):
        q = src[sid][k]
        return sid, (k - 1 if q["part"] == 2 else k if q["repeat_of"] is None else q["repeat_of"])

    label = {(s, k): q[key] for s, qs in src.items() for k, q in enumerate(qs)
             if q[key] is not None and base(s, k) == (s, k)}
    by_label = defaultdict(list)
    for item, lab in label.items():
        by_label[lab].append(item)
    truth_pairs = 0
    for items in by_label.values():
        truth_pairs += sum(1 for i in range(len(items)) for j in range(i + 1, len(items))
                           if keep(items[i], items[j]))
    seen, n_pred, hit = set(), 0, 0
    for p, group in enumerate(predicted):
        items = sorted({base(s, k) if k is not None else (s, None, p, n) for n, (s, k) in enumerate(group)} - seen,
                       key=str)
        seen |= set(items)
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, b = items[i], items[j]
                if not keep(a[:2], b[:2]):
                    continue
                n_pred += 1
                if a in label and b in label and label[a] == label[b]:
                    hit += 1
    prec, rec = hit / max(n_pred, 1), hit / max(truth_pairs, 1)
    f1 = 2 * prec * rec / max(prec + rec, 1e-12)
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
            "predicted_pairs": n_pred, "truth_pairs": truth_pairs}


def event_scores(T, D):
    truth = {s["id"]: s["event"] for s in T["sources"]}
    tool = {}
    for e in D["events"]:
        for sid in e["sources"]:
            tool[sid] = e["id"]
    ids = list(truth)
    for sid in ids:
        tool.setdefault(sid, "none:" + sid)
    n = len(ids)
    cells = Counter((tool[s], truth[s]) for s in ids)
    best_for_cluster, best_for_class = defaultdict(int), defaultdict(int)
    for (c, t), k in cells.items():
        best_for_cluster[c] = max(best_for_cluster[c], k)
        best_for_class[t] = max(best_for_class[t], k)
    purity = sum(best_for_cluster.values()) / n
    inverse = sum(best_for_class.values()) / n
    c2 = lambda x: x * (x - 1) // 2
    same_both = sum(c2(k) for k in cells.values())
    same_tool = sum(c2(k) for k in Counter(tool[s] for s in ids).values())
    same_truth = sum(c2(k) for k in Counter(truth[s] for s in ids).values())
    return {
        "purity": round(purity, 4),
        "inverse_purity": round(inverse, 4),
        "f": round(2 * purity * inverse / (purity + inverse), 4),
        "pair_precision": round(same_both / max(same_tool, 1), 4),
        "pair_recall": round(same_both / max(same_truth, 1), 4),
        "tool_events": len(D["events"]),
        "truth_events": len(T["events"]),
        "unassigned_sources": sum(1 for s in ids if tool[s].startswith("none:")),
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    T = json.load(open(sys.argv[1], encoding="utf-8"))
    D = json.load(open(sys.argv[2], encoding="utf-8"))
    truth_sources = {s["id"]: s for s in T["sources"]}
    lang = {s["id"]: s["language"] for s in T["sources"]}
    idx = {}
    speech_found = 0
    for s in D["sources"]:
        if s["id"] in truth_sources:
            idx[s["id"]] = align(truth_sources[s["id"]]["quotes"], [q["text"] for q in s["quotes"]])
            speech_found += sum(1 for q in s["quotes"] if q["kind"] == "speech")
    predicted = [[(sid, idx[sid][n]) for sid, n in g["members"] if sid in idx] for g in D["quote_groups"]]
    across = lambda a, b: a[0] != b[0]
    same_lang = lambda l: (lambda a, b: lang[a[0]] == l and lang[b[0]] == l)
    out = {
        "sources": len(D["sources"]),
        "tool_groups": len(D["quote_groups"]),
        "tool_speech_quotes": speech_found,
        "grouping": {
            "group": pair_scores(T, predicted, "group"),
            "statement": pair_scores(T, predicted, "statement"),
            "group_across_sources": pair_scores(T, predicted, "group", across),
            "group_en": pair_scores(T, predicted, "group", same_lang("en")),
            "group_de": pair_scores(T, predicted, "group", same_lang("de")),
            "group_cross_language": pair_scores(T, predicted, "group", lambda a, b: lang[a[0]] != lang[b[0]]),
        },
        "events": event_scores(T, D),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
