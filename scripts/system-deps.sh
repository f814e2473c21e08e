#!/usr/bin/env bash
# Install the Debian packages Một Cửa needs, when run as root; otherwise print the command.
#   scripts/system-deps.sh run    -> what `make run` needs (gettext for the translations,
#                                    espeak-ng and lame for the audio summaries)
#   scripts/system-deps.sh test   -> plus chromium (and npm if missing) for the browser tests
set -euo pipefail
# libpango + fonts-dejavu-core: WeasyPrint renders the PDF forms with Vietnamese glyphs.
need=(gettext espeak-ng lame libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# postgresql-client: pg_dump and pg_restore for `make backup` and `make restore`.
command -v pg_dump >/dev/null || need+=(postgresql-client)
if [ "${1:-run}" = "test" ]; then
  # fonts-khmeros: Khmer script in the browser tests' screenshots (phones ship their own).
  # poppler-utils: pdftotext and pdftoppm read the PDF forms back in the tests.
  need+=(chromium fonts-khmeros poppler-utils)
  # npm installs axe-core for the accessibility checks; any Node.js with npm will do.
  command -v npm >/dev/null || need+=(npm)
fi

missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "Missing Debian packages. As root, run:"
  echo "  sudo apt-get update && sudo $line"
  exit 1
fi
