#!/usr/bin/env bash
# Builds MvmCi and runs every test: unit tests, executor tests on real Wasmtime, Redis store tests
# on a throwaway redis-server, and integration tests of the whole AppHost (Aspire.Hosting.Testing).
set -euo pipefail
cd "$(dirname "$0")"
MVMCI_WITH_TEST_TOOLS=1 source scripts/prerequisites.sh

# The rustc/clang guests, the SDK and the examples the executor tests run (artifacts/guests).
scripts/build-guests.sh

dotnet test MvmCi.sln "$@"
