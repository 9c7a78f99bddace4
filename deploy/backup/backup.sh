#!/usr/bin/env bash
# Back up one deployment: the PostgreSQL database (pg_dump, custom format: compressed, restorable table by
# table, consistent snapshot while the platform runs) and the media store (attachments, letters).
# usage: backup.sh DEST_DIR      env: DATABASE_URL, and GONGKAI_MEDIA_ROOT (file store) or GONGKAI_S3_BUCKET
# The keys (GONGKAI_FIELD_KEYS …) are NOT in the backup: keep them in a separate protected place — with them
# next to the dump, a stolen backup reads every identity number (docs/deployment.md "Keys").
set -euo pipefail
dest="${1:?usage: backup.sh DEST_DIR}"
mkdir -p "$dest"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
url="${DATABASE_URL/#postgres:\/\//postgresql://}"
pg_dump --format=custom --no-owner --no-privileges --file="$dest/db-$stamp.dump" "$url"
if [ -n "${GONGKAI_S3_BUCKET:-}" ]; then
  # Object storage: versioning/replication on the bucket is the media backup; record where it is.
  echo "s3://$GONGKAI_S3_BUCKET (${GONGKAI_S3_ENDPOINT_URL:-aws})" > "$dest/media-$stamp.location"
else
  tar -C "${GONGKAI_MEDIA_ROOT:?GONGKAI_MEDIA_ROOT or GONGKAI_S3_BUCKET}" -czf "$dest/media-$stamp.tar.gz" .
fi
echo "$stamp"
