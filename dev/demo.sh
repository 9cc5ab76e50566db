#!/usr/bin/env bash
# npm run demo: everything Nearprint needs, then the whole product on http://localhost:3000
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash dev/system-deps.sh run
bash dev/node-deps.sh
bash dev/build-if-stale.sh
exec node --import tsx dev/run.ts "$@"
