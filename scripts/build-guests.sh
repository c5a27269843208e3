#!/usr/bin/env bash
# Builds the guest SDK and every guest with Debian's toolchain (no crates.io, no rustup):
#   sdk/rust/mvmci            -> artifacts/sdk/libmvmci.rlib
#   examples/<name>/main.rs   -> artifacts/guests/<name>.wasm        (Rust, uses the mvmci SDK)
#   examples/<name>/main.c    -> artifacts/guests/<name>.wasm        (C, uses sdk/c/mvmci.h)
#   tests/Guests/rust/<x>.rs  -> artifacts/guests/rust-<x>.wasm      (plain WASI conformance guests)
#   tests/Guests/c/<x>.c      -> artifacts/guests/c-<x>.wasm         (plain WASI conformance guests)
#   tests/Guests/assemblyscript/src/<x>.ts -> artifacts/guests/as-<x>.wasm (AssemblyScript + WASI shim, from npm)
# A module is rebuilt only when a source (or this script) is newer than it; --force rebuilds all.
# Warnings are errors. Works from any directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prerequisites-guests.sh
source "$root/scripts/prerequisites-guests.sh"

force=0
case "${1:-}" in
  --force|-f) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

out="$root/artifacts/guests"
sdk_out="$root/artifacts/sdk"
mkdir -p "$out" "$sdk_out"

rustc_flags=(--edition 2021 --target wasm32-wasi -O -C strip=debuginfo -D warnings
             --remap-path-prefix "$root=.")
clang_flags=(--target=wasm32-wasi "--sysroot=$MVMCI_WASI_SYSROOT" -O2 -Wall -Wextra -Werror -Wl,--strip-debug
             "-ffile-prefix-map=$root/=")

# up_to_date OUTPUT SOURCE...: the output exists and is newer than every source and this script.
up_to_date() {
  local target="$1" src
  shift
  [ "$force" -eq 0 ] && [ -f "$target" ] || return 1
  for src in "$@" "$root/scripts/build-guests.sh"; do
    [ "$target" -nt "$src" ] || return 1
  done
}

built=0
skipped=0
report() { # report OUTPUT
  printf 'built      %-40s %8d bytes\n' "${1#"$root"/}" "$(stat -c %s "$1")"
  built=$((built + 1))
}
skip() {
  printf 'up to date %s\n' "${1#"$root"/}"
  skipped=$((skipped + 1))
}

# Compiles into a temporary file first, so a failed build never leaves a stale-but-newer output.
build_rust() { # build_rust NAME SOURCE [EXTRA RUSTC ARGS...]
  local name="$1" src="$2" target="$out/$1.wasm"
  shift 2
  local deps=("$src")
  if [ "$#" -gt 0 ]; then deps+=("$sdk_out/libmvmci.rlib"); fi
  if up_to_date "$target" "${deps[@]}"; then skip "$target"; return; fi
  "$MVMCI_RUSTC" "${rustc_flags[@]}" --crate-type bin --crate-name "${name//-/_}" "$@" "$src" -o "$target.tmp"
  mv -f "$target.tmp" "$target"
  report "$target"
}

build_c() { # build_c NAME SOURCE [EXTRA CLANG ARGS...]
  local name="$1" src="$2" target="$out/$1.wasm"
  shift 2
  if up_to_date "$target" "$src" "$root/sdk/c/mvmci.h"; then skip "$target"; return; fi
  "$MVMCI_CLANG" "${clang_flags[@]}" "$@" "$src" -o "$target.tmp"
  mv -f "$target.tmp" "$target"
  report "$target"
}

# The Rust SDK.
rlib="$sdk_out/libmvmci.rlib"
if up_to_date "$rlib" "$root"/sdk/rust/mvmci/src/*.rs; then skip "$rlib"; else
  "$MVMCI_RUSTC" "${rustc_flags[@]}" --crate-type rlib --crate-name mvmci \
    "$root/sdk/rust/mvmci/src/lib.rs" -o "$rlib.tmp"
  mv -f "$rlib.tmp" "$rlib"
  report "$rlib"
fi

# Examples.
for dir in "$root"/examples/*/; do
  name="$(basename "$dir")"
  if [ -f "$dir/main.rs" ]; then
    build_rust "$name" "$dir/main.rs" --extern "mvmci=$rlib"
  elif [ -f "$dir/main.c" ]; then
    build_c "$name" "$dir/main.c" -I "$root/sdk/c"
  fi
done

# Conformance guests (plain WASI, no mvmci imports).
for src in "$root"/tests/Guests/rust/*.rs; do
  build_rust "rust-$(basename "$src" .rs)" "$src"
done
for src in "$root"/tests/Guests/c/*.c; do
  build_c "c-$(basename "$src" .c)" "$src"
done

# AssemblyScript conformance guests: the compiler and the WASI shim come from the npm registry,
# pinned by tests/Guests/assemblyscript/package-lock.json.
as_dir="$root/tests/Guests/assemblyscript"
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm (Node.js) is needed for the AssemblyScript guests: apt-get install -y nodejs npm" >&2
  exit 1
fi
if [ ! -x "$as_dir/node_modules/.bin/asc" ] || [ "$as_dir/package-lock.json" -nt "$as_dir/node_modules/.package-lock.json" ]; then
  (cd "$as_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
for src in "$as_dir"/src/*.ts; do
  name="as-$(basename "$src" .ts)"
  target="$out/$name.wasm"
  if up_to_date "$target" "$src" "$as_dir/asconfig.json" "$as_dir/package-lock.json"; then skip "$target"; continue; fi
  (cd "$as_dir" && ./node_modules/.bin/asc "$src" --config asconfig.json -o "$target.tmp.wasm")
  mv -f "$target.tmp.wasm" "$target"
  report "$target"
done

echo "guests: $built built, $skipped up to date, in ${out#"$root"/}"
