#!/usr/bin/env bash
# npm run stack:scale: what the scale-out stack needs, then the stack on http://localhost:3600
# (dev/stack/scale/run-scale-stack.ts lists its settings).
set -euo pipefail
cd "$(dirname "$0")/../../.."
export NEXT_TELEMETRY_DISABLED=1
bash dev/system-deps.sh scale
bash dev/node-deps.sh
# Without SCALE_DATABASE_URL it uses the Debian PostgreSQL on 127.0.0.1:5432: start its cluster if it is down.
if [ -z "${SCALE_DATABASE_URL:-}" ] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && command -v pg_lsclusters >/dev/null; then
  pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL ${pg_version} (Debian cluster main)…"
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
bash dev/build-if-stale.sh
exec node --import tsx dev/stack/scale/run-scale-stack.ts "$@"
