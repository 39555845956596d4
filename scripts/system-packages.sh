# The system commands the tests need, each with the Debian/Ubuntu package that provides it. Sourced
# by scripts/test.sh and .ci/run. `ensure_system_packages` installs what is missing when it can
# (root with apt-get: one `apt-get update`, then one install), else prints the exact command to run
# and returns 2.
SYSTEM_PACKAGES=(
	'keyctl keyutils'
	'tmux tmux'
	'gnome-keyring-daemon gnome-keyring'
	'dbus-run-session dbus-x11'
)

ensure_system_packages() {
	local entry missing=() commands=()
	for entry in "${SYSTEM_PACKAGES[@]}"; do
		if ! command -v "${entry%% *}" >/dev/null; then
			commands+=("${entry%% *}")
			missing+=("${entry#* }")
		fi
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		echo "installing ${missing[*]} (needed by the tests: ${commands[*]}) with apt-get" >&2
		if DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
			local still=()
			for entry in "${commands[@]}"; do command -v "$entry" >/dev/null || still+=("$entry"); done
			[ ${#still[@]} -eq 0 ] && return 0
			echo "error: ${still[*]} still not found after installing ${missing[*]}" >&2
			return 2
		fi
		echo "error: apt-get could not install ${missing[*]}; run: apt-get update && apt-get install -y ${missing[*]}" >&2
		return 2
	fi
	echo "error: the tests need ${commands[*]}, which this machine does not have. Install them:" >&2
	if command -v apt-get >/dev/null; then
		echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	else
		echo "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
		echo "  Fedora: sudo dnf install -y ${missing[*]}" >&2
	fi
	return 2
}
