#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: chromium (browser tests drive it through
# Playwright; no browser is ever downloaded), CJK fonts for WeasyPrint/PDF, pango for WeasyPrint,
# tesseract-ocr with its chi_sim data (scanned PDFs are read by OCR: gongkai/ingest/ocr.py).
# Idempotent: does nothing when everything is present. Needs root (or sudo) only when installing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Serif CJK" || need+=(fonts-noto-cjk)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s fontconfig >/dev/null 2>&1 || need+=(fontconfig)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # report PDF pages to PNG in tests
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)  # backup/restore test (deploy/backup)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; } || need+=(tesseract-ocr tesseract-ocr-chi-sim)  # scanned PDFs (ingest OCR)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
