#!/usr/bin/env bash
# Runs MvmCi on this machine: Redis, the control plane on http://localhost:3020, one Flawless
# executor and the workers, with the Aspire dashboard on http://localhost:18888.
# Extra arguments go to the AppHost, e.g. ./run.sh --workers 3
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

# The sample module used by the README's curl example.
for wat in samples/*.wat; do
  wasm="${wat%.wat}.wasm"
  [ "$wasm" -nt "$wat" ] || wat2wasm "$wat" -o "$wasm"
done

exec dotnet run --project MvmCi.AppHost --launch-profile http -- "$@"
