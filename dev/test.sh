#!/usr/bin/env bash
# npm test: installs what the tests need, then type-checks and runs every test:
# unit, integration (TEST_DATABASE_URL or embedded PGlite), and Playwright e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash dev/system-deps.sh test
bash dev/node-deps.sh

echo "== Type check"
npx tsc --noEmit
echo "== Lint (ESLint) and format (Prettier)"
npx eslint .
npx prettier --check . --log-level warn
echo "== Unit tests"
npx vitest run --project unit
# Built before the integration tests: the scale stack's test (dev/stack/scale) serves the production build.
echo "== Build"
bash dev/build-if-stale.sh
echo "== Integration tests (${TEST_DATABASE_URL:+PostgreSQL at TEST_DATABASE_URL}${TEST_DATABASE_URL:-embedded PGlite})"
npx vitest run --project integration
echo "== End-to-end tests (Chromium)"
npx playwright test
npx tsx dev/test-support/assert-stack-stopped.ts
# The quick scale run (dev/bench/scale): the built app as web instances behind HAProxy, workers,
# PgBouncer and an S3 store on a real PostgreSQL, with faults; a failed invariant fails the run.
# It needs a PostgreSQL + PostGIS server: SCALE_DATABASE_URL, else TEST_DATABASE_URL's server.
if [ -n "${SCALE_DATABASE_URL:-}${TEST_DATABASE_URL:-}" ] || [ -n "${CI:-}" ]; then
  echo "== Scale run, quick (web instances, workers, PgBouncer, S3, faults)"
  SCALE_DATABASE_URL="${SCALE_DATABASE_URL:-${TEST_DATABASE_URL%/*}/postgres}" npx tsx dev/bench/scale/bench-scale.ts --quick
else
  echo "== Scale run skipped: it needs a PostgreSQL + PostGIS server (set SCALE_DATABASE_URL or TEST_DATABASE_URL)"
fi
