#!/usr/bin/env bash
# Installs the Debian packages the program needs, once:
#   setup-system.sh run    what a till needs to run (`make run`): never the vpcd virtual reader
#   setup-system.sh test   that plus what the tests need (`make test`; the default)
#   setup-system.sh --print run|test   list the packages of that set and change nothing
# Runs only as root on a Debian-like system; elsewhere it says what is missing and leaves the
# machine alone, because a developer's own workstation is not ours to change.
#
# The run set-up also disables Debian's /etc/reader.conf.d/vpcd when it finds it: vpcd listens
# on 0.0.0.0 and anyone who reaches its port can present any card (a staff card included).
# LOYALTY_SETUP_ROOT (default /) is where /etc lives, so the tests can check that step.
set -euo pipefail

print=0
if [ "${1:-}" = "--print" ]; then print=1; shift; fi
mode="${1:-test}"
case "$mode" in run|test) ;; *) echo "usage: $0 [--print] run|test" >&2; exit 2 ;; esac
root="${LOYALTY_SETUP_ROOT:-/}"

RUN_PKGS=(
  # building pyscard from source (pip builds it on the till too)
  gcc python3-dev libpcsclite-dev swig
  # the PC/SC daemon for real card readers
  pcscd
  # Qt's libraries and fonts
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
)
TEST_PKGS=(
  # the vpcd virtual reader: the hardware tests start their own pcscd with it, on loopback
  vsmartcard-vpcd
  # X11 (screenshots under Xvfb); real X key events for the keyboard-wedge test (xdotool types
  # Shift like a wedge reader) and a window manager so focus and full screen behave as on a till
  xvfb xauth xdotool openbox
  # head-office production database, exercised by the sync tests
  postgresql
)
PKGS=("${RUN_PKGS[@]}")
[ "$mode" = test ] && PKGS+=("${TEST_PKGS[@]}")

if [ "$print" = 1 ]; then
  printf '%s\n' "${PKGS[@]}"
  exit 0
fi

disable_vpcd() {
  # A till never serves virtual readers: move Debian's entry out of pcscd's configuration
  # directory (pcscd reads every file there) and restart a system pcscd that may have read it.
  local conf="$root/etc/reader.conf.d"
  local found=0
  [ -d "$conf" ] || return 0
  for f in "$conf"/*; do
    [ -f "$f" ] || continue
    if grep -q 'libifdvpcd' "$f"; then
      mkdir -p "$root/etc/reader.conf.d.disabled"
      mv -f "$f" "$root/etc/reader.conf.d.disabled/"
      echo "setup-system: disabled the virtual reader entry $f" >&2
      found=1
    fi
  done
  if [ "$found" = 1 ] && [ "$root" = / ] && command -v systemctl >/dev/null \
      && systemctl is-active --quiet pcscd 2>/dev/null; then
    systemctl restart pcscd || true
  fi
}

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -ne 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "setup-system: missing system packages (install them as root): ${missing[*]}" >&2
  else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts services on install where it can. The tests start their own pcscd (with
    # the vpcd virtual reader on loopback ports of their own) and their own PostgreSQL cluster,
    # and refuse to share a daemon they did not start: stop the one this install just started.
    if [ "$mode" = test ] && printf '%s\n' "${missing[@]}" | grep -qx pcscd; then
      if command -v systemctl >/dev/null; then systemctl stop pcscd 2>/dev/null || true; fi
    fi
  fi
fi

if [ "$mode" = run ] && { [ "$root" != / ] || [ "$(id -u)" = 0 ]; }; then
  disable_vpcd
fi
exit 0
