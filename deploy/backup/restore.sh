#!/usr/bin/env bash
# Restore a backup made by backup.sh into a NEW, empty database and media directory, then verify it.
# usage: restore.sh SRC_DIR STAMP      env: DATABASE_URL (the new database, must exist and be empty),
#                                           GONGKAI_MEDIA_ROOT (the new media directory)
# Afterwards: `gongkai migrate` (no-op for the same release) and `gongkai events verify` (the hash chain of the
# restored event log), with the production keys in the environment.
set -euo pipefail
src="${1:?usage: restore.sh SRC_DIR STAMP}"; stamp="${2:?usage: restore.sh SRC_DIR STAMP}"
url="${DATABASE_URL/#postgres:\/\//postgresql://}"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$url" "$src/db-$stamp.dump"
if [ -f "$src/media-$stamp.tar.gz" ]; then
  mkdir -p "${GONGKAI_MEDIA_ROOT:?}"
  tar -C "$GONGKAI_MEDIA_ROOT" -xzf "$src/media-$stamp.tar.gz"
fi
echo "restored $stamp"
