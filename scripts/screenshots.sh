#!/usr/bin/env bash
# Render the cashier program's main screens to docs/screenshots/*.png on a virtual X screen.
# Uses a fresh demo database and a throw-away settings directory, so it changes nothing of a
# real till. Needs xvfb (scripts/setup-system.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=docs/screenshots
DB=build/screenshots/demo.sqlite3
mkdir -p "$OUT" build/screenshots
rm -f "$DB" "$DB-wal" "$DB-shm"
CONFIG=$(mktemp -d)

# A display number nobody uses (no lock file, no socket).
n=99
while [ -e "/tmp/.X${n}-lock" ] || [ -e "/tmp/.X11-unix/X${n}" ]; do n=$((n + 1)); done
Xvfb ":${n}" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill "$XVFB" 2>/dev/null || true; rm -rf "$CONFIG"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${n}" ] && break; sleep 0.1; done

shot() {  # shot NAME ARGS...  (the window at the size the name ends with, or 1366x768)
    local name=$1; shift
    # ONLY='search-*' refreshes just the matching shots (the others stay as they are).
    case "$name" in ${ONLY:-*}) ;; *) return 0 ;; esac
    local size=1366x768
    case "$name" in *-1024) size=1024x768 ;; esac
    DISPLAY=":${n}" QT_QPA_PLATFORM=xcb XDG_CONFIG_HOME="$CONFIG" \
        "$PY" -m app.main --demo --db "$DB" --size "$size" --screenshot "$OUT/$name.png" "$@"
    echo "wrote $OUT/$name.png"
}

shot login-vi --lang vi
shot counter-vi --lang vi --demo-login --present gold
shot counter-birthday-vi --lang vi --demo-login --present member
shot counter-blocked-vi --lang vi --demo-login --present blocked
shot counter-en --lang en --demo-login --present combined
shot sale-vi --lang vi --demo-login --present gold --open sale
shot zreport-vi --lang vi --demo-login --present gold --open zreport
shot counter-programs-vi --lang vi --demo-login --present member
shot counter-discount-vi --lang vi --demo-login --present discount
shot approval-vi --lang vi --demo-login --present gold --open approval
shot refund-vi --lang vi --demo-login --present gold --open refund
shot supervisor-vi --lang vi --demo-login --present gold --open supervisor
# A bank transfer's VietQR code at the smallest screen (issue 14).
shot transfer-vi-1024 --lang vi --demo-login --present gold --open transfer
shot transfer-en-1024 --lang en --demo-login --present gold --open transfer
# The smallest counter screen the till supports, and English at both sizes (issue 14).
for size in 1024 1366; do
    for lang in vi en; do
        shot "counter-$lang-$size" --lang "$lang" --demo-login --present gold
        shot "sale-$lang-$size" --lang "$lang" --demo-login --present gold --open sale
        shot "zreport-$lang-$size" --lang "$lang" --demo-login --present gold --open zreport
        # Member search, and a chip card linked at enrolment and at replacement (issue 14, B).
        shot "search-$lang-$size" --lang "$lang" --demo-login --present gold --open search
        shot "enrol-$lang-$size" --lang "$lang" --demo-login --present gold --open enrol
        shot "replace-$lang-$size" --lang "$lang" --demo-login --present gold --open replace
    done
done
