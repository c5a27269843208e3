#!/usr/bin/env bash
# Installs what MvmCi needs on a Debian/Ubuntu machine when it is missing:
# redis-server (the local Redis when no container runtime runs) and wabt (wat2wasm, for the samples).
# Sourced by run.sh, test.sh and .ci/run. The .NET 10 SDK itself must already be installed.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is not installed: see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v wat2wasm >/dev/null 2>&1 || missing+=(wabt)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: please install: ${missing[*]} (no apt-get on this machine)" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: please install as root: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq
  export MVMCI_APT_UPDATED=1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A distribution's redis-server may be started as a system service by its package; MvmCi starts
# its own on a free port, so the service is neither needed nor in the way.
