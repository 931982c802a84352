#!/usr/bin/env python3
"""Copies a dossier.yaml without its `events:` section and `event:` lines (stdin -> stdout), to
measure event clustering on a generated dossier:

    mkdir -p d-noev && cp -r d/content d-noev/ && python3 bench/strip_events.py < d/dossier.yaml > d-noev/dossier.yaml
"""
import re
import sys

out, skipping = [], False
for line in sys.stdin:
    if re.match(r"^events:", line):
        skipping = True
        continue
    if skipping:
        if line.startswith((" ", "-", "#")) or not line.strip():
            continue
        skipping = False
    if re.match(r"^\s+event:", line):
        continue
    out.append(line)
sys.stdout.write("".join(out))
