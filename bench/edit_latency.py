#!/usr/bin/env python3
"""One-source edit -> page served, measured against a running `dossier serve`.

Starts `dossier serve --port 0` on a dossier, then edits one source at a time (appends a
sentence with a unique token to the first long paragraph), and polls the source's page over
HTTP until the token is served, then polls the server's status until the whole site is
consistent again (serve's second phase: every page the edit affects re-rendered). The next
edit starts only then, so each is measured alone. Prints one JSON object: the initial build
time, each edit's latency (ms, from the write to the first response that shows it), the time
from the write until the whole site is consistent, and the server's own figures ("Served in N
ms" for the first phase, "Rebuilt in N ms" with its parts for the second).

Usage: edit_latency.py DOSSIER_BINARY DOSSIER_DIR [EDITS]
"""
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def main():
    binary, root = sys.argv[1], Path(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    manifest = (root / "dossier.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"- id: (\S+)\n\s+file: (\S+)", manifest)
    # Spread the edited sources over the dossier.
    picks = [entries[(i * 7919 + 13) % len(entries)] for i in range(edits)]
    backups = {f: (root / f).read_bytes() for _, f in picks}
    started = time.monotonic()
    proc = subprocess.Popen([binary, "--root", str(root), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines, port = [], None
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    initial = time.monotonic() - started
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    results, consistent = [], []

    def state():
        url = f"http://127.0.0.1:{port}/__dossier/wait?since="
        return json.loads(urllib.request.urlopen(url, timeout=30).read())

    try:
        for n, (sid, file) in enumerate(picks):
            path = root / file
            text = path.read_text(encoding="utf-8")
            token = f"Benchmarkedit{n}x{int(time.time())}"
            # A long line of text, not markup that no page shows (a JSON-LD script, say).
            if file.endswith((".html", ".htm")):
                # Inside the first long <p>: other long lines may be markup no page shows
                # (a JSON-LD script, meta tags).
                m = re.search(r"<p[^>]*>([^<]{200,})", text)
                if m is None:
                    raise SystemExit(f"{file}: no long paragraph to edit")
                at = m.end(1)
                edited = text[:at] + f" {token} happened." + text[at:]
            else:
                paragraph = next(l for l in text.split("\n") if len(l) > 200
                                 and not l.lstrip().startswith(("{", "<", "---")))
                edited = text.replace(paragraph, paragraph + f" {token} happened.", 1)
            url = f"http://127.0.0.1:{port}/sources/{sid}.html"
            before = state()["generation"]
            t0 = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            while True:
                body = urllib.request.urlopen(url, timeout=30).read().decode("utf-8", "replace")
                if token in body:
                    break
                if time.monotonic() - t0 > 120:
                    raise SystemExit(f"edit {n} of {sid} not served after 120 s; server said:\n"
                                     + "".join(lines))
                time.sleep(0.002)
            results.append(round((time.monotonic() - t0) * 1000, 1))
            while True:
                s = state()
                if s["generation"] > before and not s["pending"]:
                    break
                if time.monotonic() - t0 > 300:
                    raise SystemExit(f"site not consistent 300 s after editing {sid}")
                time.sleep(0.005)
            consistent.append(round((time.monotonic() - t0) * 1000, 1))
            time.sleep(0.3)
    finally:
        for f, b in backups.items():
            (root / f).write_bytes(b)
        time.sleep(1.0)
        proc.terminate()
        # Removing the temporary site takes a while on file systems with slow unlinks.
        proc.wait(timeout=600)
    served = [re.search(r"^Served in (\d+) ms", l) for l in lines]
    found = [re.search(r"Rebuilt in (\d+) ms \(link (\d+) ms(?:, search and shared parts (\d+) ms, "
                       r"dependencies (\d+) ms, render and write (\d+) ms)?", l) for l in lines]
    found = [[int(g) if g else None for g in m.groups()] for m in found if m]
    print(json.dumps({"initial_build_s": round(initial, 2), "edit_to_served_ms": results,
                      "edit_to_consistent_ms": consistent,
                      "server_served_ms": [int(m.group(1)) for m in served if m],
                      "server_rebuild_ms": [r[0] for r in found],
                      "server_link_ms": [r[1] for r in found],
                      "server_parts_ms": [r[2] for r in found],
                      "server_deps_ms": [r[3] for r in found],
                      "server_render_ms": [r[4] for r in found]}))


if __name__ == "__main__":
    main()
