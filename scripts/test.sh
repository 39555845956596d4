#!/usr/bin/env bash
# Runs the whole suite: the system commands it needs (installed when it can, else the command to run),
# type check, lint, format check, bundle (end-to-end tests drive the shipped CLI), then vitest inside a fresh
# session keyring so keychain tests use the real kernel keyring (ntn-compat §5.3), with a real
# Secret Service on a private D-Bus session for saved tokens (scripts/with-secret-service.sh).
# Extra arguments go to vitest, e.g. `npm test -- test/core`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-packages.sh
ensure_system_packages || exit 2
npx tsc -p tsconfig.json
npx eslint .
npx prettier --check . >/dev/null || { echo 'error: files are not formatted: run npm run format' >&2; npx prettier --list-different . >&2; exit 1; }
node scripts/bundle.mjs
exec bash scripts/with-secret-service.sh npx vitest run "$@" </dev/null
