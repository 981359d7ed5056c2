#!/usr/bin/env bash
# Install what the browser tests (tests/test_browser.py, pytest -m browser) need:
# Debian's chromium at /usr/bin/chromium (playwright drives it; `playwright install` cannot
# download a browser here) and fonts-noto-cjk (Noto Sans/Serif CJK), without which every
# Chinese label of the page and its screenshot is drawn as a box.
# Idempotent and quiet: does nothing when both are present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! (command -v fc-list >/dev/null && fc-list :lang=zh family 2>/dev/null | grep -qi "Noto Sans CJK"); then
  need+=(fonts-noto-cjk)
fi
[ "${#need[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "browser-setup: no apt-get; install ${need[*]} to run the browser tests" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
[ -x /usr/bin/chromium ]
