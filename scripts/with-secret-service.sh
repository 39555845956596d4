#!/usr/bin/env bash
# Runs a command with a real Secret Service (GNOME Keyring) on a private D-Bus session, inside a
# fresh session keyring (the kernel keyring tests need one of their own). The keyring lives in a
# temp dir with a throw-away password, never under $HOME; the daemon ends with the command, whose
# exit code is passed through. Usage: bash scripts/with-secret-service.sh npx vitest run
set -euo pipefail
KR_TMP=$(mktemp -d "${TMPDIR:-/tmp}/secret-service.XXXXXX")
trap 'rm -rf "$KR_TMP"' EXIT
export KR_TMP
keyctl session - dbus-run-session -- bash -c '
	set -euo pipefail
	mkdir -p "$KR_TMP/data" "$KR_TMP/cache" "$KR_TMP/run"
	chmod 700 "$KR_TMP/run"
	# --foreground keeps the daemon our child; --unlock creates and unlocks the "login" collection.
	printf %s "not-a-secret" | XDG_DATA_HOME="$KR_TMP/data" XDG_CACHE_HOME="$KR_TMP/cache" XDG_RUNTIME_DIR="$KR_TMP/run" \
		gnome-keyring-daemon --foreground --unlock --components=secrets >"$KR_TMP/daemon.log" 2>&1 &
	DAEMON=$!
	trap "kill $DAEMON 2>/dev/null || true; wait $DAEMON 2>/dev/null || true" EXIT
	for i in $(seq 1 500); do
		dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
			org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
		if [ "$i" = 500 ]; then echo "error: the Secret Service did not start:" >&2; cat "$KR_TMP/daemon.log" >&2; exit 3; fi
		sleep 0.02
	done
	"$@"
' bash "$@"
