#!/usr/bin/env bash
# Debian's Chromium for the browser end-to-end tests (playwright-core drives /usr/bin/chromium; Playwright's own
# browser download cannot reach its CDN from these machines). Installs it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Falta /usr/bin/chromium: instálelo con 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
