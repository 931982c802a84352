#!/usr/bin/env bash
# Builds a profile-guided (PGO) release binary of dossier: target/pgo/release/dossier.
#
#   bench/pgo-build.sh
#
# Optional, for whoever packages or benchmarks a release; `cargo build --release` stays the
# normal build. Three steps, the first and last a full release build (about 5 minutes each on
# 2 cores):
#   1. an instrumented binary (target/pgo-gen), which counts how often each branch is taken;
#   2. a training run: the example dossier (built twice: from scratch, then unchanged) and a
#      generated dossier of $PGO_SOURCES sources (default 1,500) with seed 7 (the benchmarks
#      use seed 1, so the binary is not measured on what it was trained on);
#   3. the release build again, with those counts (rustc -Cprofile-use).
# On this machine the PGO binary built the 10k benchmark dossier about 5 % faster (wall −4.6 %,
# user CPU −5.3 %) with byte-identical output; docs/performance.md, round 17.
#
# Needs llvm-profdata of the toolchain's own LLVM (`rustup component add llvm-tools`, done
# here when missing) and ../shared/tools/gen-corpus (GEN_CORPUS to override).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
gen=${GEN_CORPUS:-$repo/../shared/tools/gen-corpus}
sources=${PGO_SOURCES:-1500}

profdata_tool() {
  find "$(rustc --print sysroot)/lib/rustlib" -name llvm-profdata -type f 2>/dev/null | head -1
}
tool=$(profdata_tool)
if [ -z "$tool" ]; then
  rustup component add llvm-tools >&2
  tool=$(profdata_tool)
fi
[ -n "$tool" ] || { echo "pgo-build: llvm-profdata not found (rustup component add llvm-tools)" >&2; exit 1; }

work=$repo/target/pgo-work
rm -rf "$work"
mkdir -p "$work/profiles"

echo "pgo-build: 1/3 instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$work/profiles" cargo build --release -q --target-dir target/pgo-gen
trainee=$repo/target/pgo-gen/release/dossier

echo "pgo-build: 2/3 training run" >&2
"$gen" --sources "$sources" --seed 7 --out "$work/corpus" --quiet
"$trainee" build --root "$work/corpus" -o "$work/site" --progress none
"$trainee" build --root "$work/corpus" -o "$work/site" --progress none
"$trainee" build --root "$repo" -o "$work/example" --progress none
"$trainee" build --root "$repo" -o "$work/example" --progress none
"$tool" merge -o "$work/dossier.profdata" "$work/profiles"

echo "pgo-build: 3/3 optimised build" >&2
RUSTFLAGS="-Cprofile-use=$work/dossier.profdata" cargo build --release -q --target-dir target/pgo
echo "$repo/target/pgo/release/dossier"
