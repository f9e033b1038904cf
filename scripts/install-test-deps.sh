#!/usr/bin/env bash
# Installs what the tests need beyond the build tools: Debian's Chromium and PostgreSQL
# server and client (pg_dump), poppler's pdftotext (a browser test reads a printed certificate), and the end2end
# npm packages (Playwright uses Debian's Chromium, never its own).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# `waymark backup` on PostgreSQL runs pg_dump (a backup test does).
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} from Debian"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  say "Chromium, PostgreSQL and pdftotext already installed"
fi

cd "$root/end2end"
if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing end2end npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
else
  say "end2end npm packages already installed"
fi
