#!/usr/bin/env bash
# Installs what building the guests (scripts/build-guests.sh) needs on a Debian/Ubuntu machine when
# it is missing, all from Debian packages (crates.io and rustup are not used):
#   rustc + libstd-rust-dev-wasm32    Rust 1.63 with the wasm32-wasi standard library
#   clang + lld + wasi-libc            C for wasm32-wasi (sysroot /usr)
#   libclang-rt-14-dev-wasm32          compiler-rt builtins for wasm32
#   wabt                               wasm-objdump, wat2wasm
#   nodejs + npm (when npm is missing) AssemblyScript's compiler, from the npm registry
# Sourced by scripts/build-guests.sh. Always use Debian's /usr/bin/rustc: a rustup rustc earlier on
# PATH has no wasm32-wasi target.
set -euo pipefail
# shellcheck source=apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

guest_packages=(rustc libstd-rust-dev-wasm32 clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt)

missing=()
for pkg in "${guest_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# Node.js and npm for the AssemblyScript guests (the compiler itself comes from the npm registry).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

apt_install "${missing[@]}"

# Debian's toolchain, by absolute path (a rustup rustc may come first on PATH).
MVMCI_RUSTC=/usr/bin/rustc
MVMCI_CLANG=/usr/bin/clang
MVMCI_WASI_SYSROOT=/usr
if [ ! -x "$MVMCI_RUSTC" ] || [ ! -x "$MVMCI_CLANG" ]; then
  echo "error: $MVMCI_RUSTC or $MVMCI_CLANG is missing after installing ${guest_packages[*]}" >&2
  exit 1
fi
