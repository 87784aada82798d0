#!/bin/sh
# Builds the SIMD benchmark program twice from one source: with -msimd128 (auto-vectorised) and
# without (the scalar baseline). Needs Debian's clang and lld (apt-get install -y clang lld).
set -e
cd "$(dirname "$0")"
FLAGS="--target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-dynamic"
clang $FLAGS -msimd128 -o kernels-simd.wasm kernels.c
clang $FLAGS -o kernels-scalar.wasm kernels.c
