#!/usr/bin/env bash
# Installs the Debian packages the tests need (redis-server for the distributed
# crawl tests, chromium for the browser tests driven by playwright) when they are missing. Needs root or sudo; apt-get update first.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A CJK font, so Chromium draws Chinese (browser tests' layout, docs/ screenshots).
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# The Debian package starts a system-wide server on 6379; the tests start their own.
