#!/usr/bin/env bash
# Makes sure the Debian packages Nearprint needs are installed.
#   bash dev/system-deps.sh run    what the product needs (demo printers, Ghostscript, fonts, LibreOffice)
#   bash dev/system-deps.sh test   plus what the tests need (Chromium, poppler, qpdf)
#   bash dev/system-deps.sh bench  plus CUPS, for the pipeline benchmark's comparison
#   bash dev/system-deps.sh scale  plus the scale-out stack's PostgreSQL + PostGIS, PgBouncer and HAProxy (npm run stack:scale)
# `test` installs PgBouncer and HAProxy too (the quick scale benchmark runs in CI). Their Debian
# services are never started: the scale stack runs its own instances with its own configs.
# As root it installs what is missing with apt; otherwise it names the packages and stops.
# LibreOffice is the exception: without root it is only named, and the app runs without it
# (the file picker then offers no Office types and Office uploads are refused with a message).
# For `run` (npm run demo) it installs in the background, logging to .data/office-install.log,
# so the first start does not wait for it; the app notices within a minute when it is done
# (lib/documents/office-availability.ts). `test` and `bench` install it in the foreground.
set -euo pipefail

profile="${1:-run}"
# gnutls-bin: ippeveprinter makes its self-signed ipps:// certificate with certtool; without it TLS connections are reset.
packages=(ghostscript cups-ipp-utils gnutls-bin avahi-daemon dbus fonts-wqy-microhei poppler-utils)
# Office uploads: LibreOffice without its GUI, and fonts with the metrics of Calibri/Cambria
# (Carlito/Caladea) and Arial/Times/Courier (Liberation), so a Word file keeps the pagination
# its author saw. Measured on Debian 12: 71 packages, 101 MB, about 25 s to download and install.
office_packages=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2)
# The scale-out stack (dev/stack/scale): PgBouncer in transaction mode, HAProxy as the load balancer.
scale_packages=(pgbouncer haproxy)
case "$profile" in
  run) ;;
  test) packages+=(chromium qpdf "${scale_packages[@]}") ;;
  bench) packages+=(chromium qpdf cups cups-client cups-bsd) ;;
  scale) packages+=("${scale_packages[@]}" postgresql) ;;
  *) echo "usage: $0 run|test|bench|scale" >&2; exit 2 ;;
esac
# PostGIS is packaged per server version: the one for the newest installed server (Debian 12: 15).
if [ "$profile" = scale ] && pg_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1) && [ -n "$pg_version" ]; then
  packages+=("postgresql-${pg_version}-postgis-3")
fi

not_installed() {
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then echo "$pkg"; fi
  done
}
mapfile -t missing < <(not_installed "${packages[@]}")
mapfile -t missing_office < <(not_installed "${office_packages[@]}")
# As root, ippeveprinter keeps its ipps:// certificate in /etc/cups/ssl, which only the cups server package creates.
if [ "$(id -u)" -eq 0 ]; then mkdir -p /etc/cups/ssl; fi

if [ "$(id -u)" -ne 0 ]; then
  if [ ${#missing_office[@]} -gt 0 ]; then
    echo "Office uploads are off until LibreOffice is installed: sudo apt-get install -y --no-install-recommends ${missing_office[*]}" >&2
  fi
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "Nearprint needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

background_office=()
if [ "$profile" = run ]; then background_office=("${missing_office[@]}"); else missing+=("${missing_office[@]}"); fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  # No service may start on install (pgbouncer would take 6432, postgresql 5432 with its own
  # settings): policy-rc.d answers 101, "not allowed", to every start, only while we install.
  added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
  fi
  trap '[ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  added_policy=0
  # A fresh PostgreSQL install brings no PostGIS yet (its version was unknown above).
  if [ "$profile" = scale ] && pg_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1) && [ -n "$pg_version" ] &&
    ! dpkg-query -W -f='${Status}' "postgresql-${pg_version}-postgis-3" 2>/dev/null | grep -q 'install ok installed'; then
    apt-get install -y -qq --no-install-recommends "postgresql-${pg_version}-postgis-3" >/dev/null
  fi
fi
[ ${#background_office[@]} -eq 0 ] && exit 0

mkdir -p .data
log=.data/office-install.log
pidfile=.data/office-install.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "LibreOffice is still installing in the background (log: $log)."
  exit 0
fi
# Its own session, so stopping the demo with Ctrl-C never interrupts dpkg half-way; the lock
# timeout waits for any other apt run instead of failing. The lists are fresh if we just installed.
lists_fresh=$([ ${#missing[@]} -gt 0 ] && echo 1 || echo 0)
LISTS_FRESH=$lists_fresh setsid nohup bash -c '
  set -e
  echo "$(date -u +%FT%TZ) installing: $*"
  [ "$LISTS_FRESH" = 1 ] || apt-get update -qq -o DPkg::Lock::Timeout=600
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "$@"
  echo "$(date -u +%FT%TZ) done: Office uploads turn on by themselves within a minute"
' office-install "${background_office[@]}" </dev/null >"$log" 2>&1 &
echo $! >"$pidfile"
echo "Installing LibreOffice in the background (${#background_office[@]} packages, log: $log); Office uploads turn on by themselves when it is done."
