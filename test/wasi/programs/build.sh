#!/bin/sh
# Rebuilds the WASI test programs with Debian's toolchain:
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
# Debian installs wasi-libc under /usr/{include,lib}/wasm32-wasi, which its clang finds by itself;
# other distributions (and wasi-sdk) keep a sysroot at /usr/share/wasi-sysroot, passed when present.
# The .wasm files are committed so that the tests need nothing but Node.
set -e
cd "$(dirname "$0")"
SYSROOT=""
if [ -d /usr/share/wasi-sysroot ]; then SYSROOT="--sysroot=/usr/share/wasi-sysroot"; fi
for src in *.c; do
  clang --target=wasm32-wasi $SYSROOT -O2 -Wall -Wl,--strip-all "$src" -o "${src%.c}.wasm"
done
ls -l *.wasm
