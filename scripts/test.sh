#!/usr/bin/env bash
# Runs the whole suite: type check, bundle (end-to-end tests drive the shipped CLI), then vitest
# inside a fresh session keyring so keychain tests use the real kernel keyring (ntn-compat §5.3).
# Extra arguments go to vitest, e.g. `npm test -- test/core`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v keyctl >/dev/null; then
	echo "error: keyctl not found: install keyutils (Debian: apt-get install -y keyutils)" >&2
	exit 2
fi
if ! command -v tmux >/dev/null; then
	echo "error: tmux not found: install it (Debian: apt-get install -y tmux)" >&2
	exit 2
fi
npx tsc -p tsconfig.json
node scripts/bundle.mjs
exec keyctl session - npx vitest run "$@" </dev/null
