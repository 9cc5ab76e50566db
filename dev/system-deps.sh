#!/usr/bin/env bash
# Makes sure the Debian packages Nearprint needs are installed.
#   bash dev/system-deps.sh run    what the product needs (demo printers, Ghostscript, fonts)
#   bash dev/system-deps.sh test   plus what the tests need (Chromium, poppler, qpdf)
#   bash dev/system-deps.sh bench  plus CUPS, for the pipeline benchmark's comparison
# As root it installs what is missing with apt; otherwise it names the packages and stops.
set -euo pipefail

profile="${1:-run}"
# gnutls-bin: ippeveprinter makes its self-signed ipps:// certificate with certtool; without it TLS connections are reset.
packages=(ghostscript cups-ipp-utils gnutls-bin avahi-daemon dbus fonts-wqy-microhei poppler-utils)
case "$profile" in
  run) ;;
  test) packages+=(chromium qpdf) ;;
  bench) packages+=(chromium qpdf cups cups-client cups-bsd) ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# As root, ippeveprinter keeps its ipps:// certificate in /etc/cups/ssl, which only the cups server package creates.
if [ "$(id -u)" -eq 0 ]; then mkdir -p /etc/cups/ssl; fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Nearprint needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
