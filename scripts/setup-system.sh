#!/usr/bin/env bash
# Installs the Debian packages the program and its tests need, once. Runs only as root on a
# Debian-like system; elsewhere it says what is missing and leaves the machine alone, because a
# developer's own workstation is not ours to change.
set -euo pipefail

PKGS=(
  # building pyscard from source
  gcc python3-dev libpcsclite-dev swig
  # PC/SC daemon and the vpcd virtual reader used by the hardware tests
  pcscd vsmartcard-vpcd
  # Qt offscreen and X11 (screenshots under Xvfb)
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth
  # real X key events for the keyboard-wedge test (xdotool types Shift like a wedge reader) and
  # a window manager so focus and full screen behave as on a till
  xdotool openbox
  # head-office production database, exercised by the sync tests
  postgresql
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup-system: missing system packages (install them as root): ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts services on install where it can. The tests start their own pcscd (with the vpcd
# virtual reader on ports of their own) and their own PostgreSQL cluster, and refuse to share a
# daemon they did not start: stop the ones this install may just have started.
if printf '%s\n' "${missing[@]}" | grep -qx pcscd; then
  pkill -TERM -x pcscd 2>/dev/null || true
fi
