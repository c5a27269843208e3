#!/usr/bin/env bash
# Installs what MvmCi needs on a Debian/Ubuntu machine when it is missing:
# redis-server (the local Redis when no container runtime runs) and wabt (wat2wasm, for the samples).
# Sourced by run.sh, test.sh and .ci/run. The .NET 10 SDK itself must already be installed.
set -euo pipefail
# shellcheck source=apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is not installed: see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v wat2wasm >/dev/null 2>&1 || missing+=(wabt)

apt_install "${missing[@]}"

# The tests also check the published deployment with the real tools: docker-compose (Debian's 1.29,
# which validates a compose file without a Docker daemon; without its recommends, which would pull in
# docker.io) and kubectl (kustomize), which comes with this kind of machine and is not in Debian.
if [ "${MVMCI_WITH_TEST_TOOLS:-0}" = 1 ]; then
  command -v docker-compose >/dev/null 2>&1 || apt_install --no-install-recommends docker-compose
  # The dashboard's browser tests drive Debian's Chromium with Playwright (its own browsers cannot be downloaded).
  [ -x /usr/bin/chromium ] || apt_install chromium
  command -v kubectl >/dev/null 2>&1 || echo "warning: kubectl is not installed: the Kubernetes publishing tests will fail (see https://kubernetes.io/docs/tasks/tools/)" >&2
fi

# A distribution's redis-server may be started as a system service by its package; MvmCi starts
# its own on a free port, so the service is neither needed nor in the way.
