#!/usr/bin/env bash
# The whole test suite: system packages, lint and types, migrations check, pytest on SQLite (with the
# browser tests) and on PostgreSQL. PostgreSQL: $GONGKAI_TEST_PG (default: 127.0.0.1:5432, database
# test, trust auth). Under CI=true a missing PostgreSQL fails the run; elsewhere it is reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
bash scripts/system-deps.sh
export DJANGO_SETTINGS_MODULE=gongkai.config.settings.test
echo "== ruff"; $BIN/ruff check gongkai tests bench
echo "== mypy"; $BIN/mypy gongkai
echo "== import layers"; $BIN/lint-imports
echo "== migrations"; $BIN/python -m django makemigrations --check --dry-run >/dev/null
echo "== pytest (SQLite)"; env -u DATABASE_URL $BIN/pytest -p no:cacheprovider -m "not topology"
PG_URL="${GONGKAI_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}"
if $BIN/python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as exc:
    print("PostgreSQL not reachable:", exc); sys.exit(1)
PY
then
  echo "== pytest (PostgreSQL)"; DATABASE_URL="$PG_URL" $BIN/pytest -p no:cacheprovider -m "not browser and not topology"
  # The scaled topology (tests/topology): Celery worker + beat and two gunicorn servers with the production
  # settings, on a database it creates next to $PG_URL's and Redis ($GONGKAI_TEST_REDIS, default db 15).
  # Under CI=true a missing Redis fails the run.
  echo "== topology (PostgreSQL + Redis + Celery + 2 app servers)"
  DATABASE_URL="$PG_URL" $BIN/pytest -p no:cacheprovider -m topology tests/topology
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required in CI"; exit 1
else
  echo "== PostgreSQL tests skipped (no server at $PG_URL)"
fi
