#!/usr/bin/env bash
# Builds the web app once; rebuilds only when a source file changed since the last build.
set -euo pipefail
stamp=.next/BUILD_ID
if [ -f "$stamp" ] && [ -z "$(find app lib db instrumentation.ts instrumentation-client.ts proxy.ts next.config.mjs package-lock.json postcss.config.mjs -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "Building the web app…"
npx next build
