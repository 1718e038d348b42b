# scripts/lib-common.sh: shell helpers shared by scripts/serve, scripts/test and scripts/install-deps (sourced by bash).

# The project root: the directory above scripts/, absolute.
CD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CD_PROG=${CD_PROG:-$(basename "$0")}

# Prints a message on standard error, prefixed with the script's name.
cd_log() { printf '%s: %s\n' "$CD_PROG" "$*" >&2; }

# Prints an error and exits 1.
cd_die() { cd_log "error: $*"; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
cd_as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo -n "$@" 2>/dev/null || sudo "$@"
	else
		cd_die "need root for: $* (install sudo or run as root)"
	fi
}

# Prints the unprivileged account the web programs run as when we are root:
# $CERTDESK_RUN_USER, else www-data, else nobody. Prints nothing when not root
# (the programs then run as the invoking user).
cd_run_user() {
	[ "$(id -u)" = 0 ] || return 0
	local u
	for u in "${CERTDESK_RUN_USER:-}" www-data nobody; do
		if [ -n "$u" ] && id -u "$u" >/dev/null 2>&1; then
			printf '%s\n' "$u"
			return 0
		fi
	done
	cd_die "no unprivileged account to run the web programs as (create www-data or set CERTDESK_RUN_USER)"
}

# Prints the primary group of an account.
cd_user_group() { id -gn "$1"; }

# Checks that an account can read path (and traverse every directory above it).
cd_user_can_read() {
	local user=$1 path=$2
	[ -n "$user" ] || return 0
	if command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --clear-groups test -r "$path"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u "$user" -- test -r "$path"
	else
		return 0
	fi
}

# hdf_get FILE KEY: prints the value of KEY in the ClearSilver HDF file FILE
# (following #include, nested "A { B = v }" blocks and "<<" here-documents;
# the last assignment wins). Exits 1 when KEY is not set. A reader for the
# scripts only: the programs parse the file with ClearSilver itself.
hdf_get() {
	awk -v want="$2" '
	function trim(s) { sub(/^[ \t\r]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
	function readfile(path, depth,    line, prefix, stack, n, name, val, eom, m, inc, dir, eq, hd) {
		if (depth > 10) return
		n = 0; prefix = ""
		while ((getline line < path) > 0) {
			line = trim(line)
			if (line ~ /^#include[ \t]/) {
				inc = trim(substr(line, 10))
				if (inc ~ /^".*"$/) inc = substr(inc, 2, length(inc) - 2)
				if (inc !~ /^\//) { dir = path; sub(/[^\/]*$/, "", dir); inc = dir inc }
				readfile(inc, depth + 1)
				continue
			}
			if (line == "" || line ~ /^#/) continue
			if (line == "}") { if (n > 0) { n--; prefix = stack[n] } continue }
			if (line ~ /\{$/) {
				name = trim(substr(line, 1, length(line) - 1))
				stack[n++] = prefix; prefix = prefix name "."
				continue
			}
			eq = index(line, "="); hd = index(line, "<<")
			if (hd > 0 && (eq == 0 || hd < eq)) {
				match(line, /<</)
				name = trim(substr(line, 1, RSTART - 1)); eom = trim(substr(line, RSTART + 2))
				val = ""; m = 0
				while ((getline line < path) > 0) {
					if (trim(line) == eom) break
					val = (m++ ? val "\n" : "") line
				}
				if (prefix name == want) { found = 1; result = val }
				continue
			}
			if (eq > 0) {
				name = trim(substr(line, 1, eq - 1)); val = trim(substr(line, eq + 1))
				sub(/[!:]$/, "", name); name = trim(name)
				if (prefix name == want) { found = 1; result = val }
			}
		}
		close(path)
	}
	BEGIN { found = 0; readfile(ARGV[1], 0); if (!found) exit 1; print result; exit 0 }
	' "$1"
}

# Prints the absolute form of a path (which need not exist yet).
cd_abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}
