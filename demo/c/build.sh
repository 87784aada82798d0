#!/bin/sh
# Rebuilds demo.wasm from demo.c with Debian's clang (apt-get install clang lld). The .wasm is committed
# so that `npm start` needs nothing but Node.
set -e
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all demo.c -o demo.wasm
