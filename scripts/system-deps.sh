#!/usr/bin/env bash
# Installs the Debian packages the kit needs when they are missing:
#   site: the Pango libraries WeasyPrint renders PDFs with, and HarfBuzz's subsetter,
#         which cuts each PDF's fonts (a third of the PDF stage's time with
#         fontTools, which WeasyPrint falls back on and warns about);
#   node: npm, which installs the browser-side libraries the site ships;
#   test: Chromium (browser tests), poppler-utils (pdftoppm), nginx, Java (HTML checker).
# Never downloads a browser of its own: Playwright drives Debian's Chromium.
set -euo pipefail
need=()
case "${1:-site}" in
  site)
    ldconfig -p | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0)
    ldconfig -p | grep -q 'libpangoft2-1.0.so' || need+=(libpangoft2-1.0-0)
    ldconfig -p | grep -q 'libharfbuzz-subset.so' || need+=(libharfbuzz-subset0)
    ;;
  node)
    command -v npm >/dev/null || need+=(npm)
    ;;
  test)
    "$0" site
    command -v chromium >/dev/null || need+=(chromium)
    command -v pdftoppm >/dev/null || need+=(poppler-utils)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
    command -v java >/dev/null || need+=(default-jre-headless)
    fc-list 2>/dev/null | grep -qi liberation || need+=(fonts-liberation)
    ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
