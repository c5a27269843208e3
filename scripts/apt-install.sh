#!/usr/bin/env bash
# apt_install [--no-install-recommends] PACKAGE...: installs Debian packages with apt-get (through sudo
# when not root), running `apt-get update` at most once per run (MVMCI_APT_UPDATED is exported for
# child scripts).
# Sourced by scripts/prerequisites.sh and scripts/prerequisites-guests.sh.

apt_install() {
  local flags=()
  if [ "${1:-}" = "--no-install-recommends" ]; then flags+=("$1"); shift; fi
  [ "$#" -gt 0 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: please install: $* (no apt-get on this machine)" >&2
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: please install as root: apt-get install -y $*" >&2
      exit 1
    fi
  fi
  echo "Installing $* ..."
  if [ "${MVMCI_APT_UPDATED:-0}" != 1 ]; then
    $sudo apt-get update -qq
    export MVMCI_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${flags[@]}" "$@" >/dev/null
}
