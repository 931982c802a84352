#!/bin/sh
# Score the held-out eval set: extract every article with the release binary and run the
# shared scorer (../shared/tools/score, not in this repo) against the gold YAML beside it.
# Usage: testdata/extract/eval/score.sh [--verbose]   (from the repository root)
# Env: SCORE (path of the scorer), OUT (prediction dir, default /tmp/quotes/eval-pred).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
score=${SCORE:-$root/../shared/tools/score}
out=${OUT:-/tmp/quotes/eval-pred}
[ -x "$score" ] || { echo "scorer not found at $score (set SCORE=...)" >&2; exit 2; }
cargo build --release -q --manifest-path "$root/Cargo.toml"
rm -rf "$out" && mkdir -p "$out"
"$root/target/release/dossier" extract "$here"/*.txt "$here"/*.html --out-dir "$out" > /dev/null
for lang in en fr es pt cs zh de; do
  mkdir -p "$out/gold-$lang"
  cp "$here"/${lang}_*.yaml "$out/gold-$lang/"
  printf '%s: ' "$lang"
  "$score" "$out/gold-$lang" "$out" | tail -1
done
printf 'all: '
"$score" "$here" "$out" "$@" | tail -${LINES_TAIL:-6}
