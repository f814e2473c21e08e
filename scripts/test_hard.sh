#!/usr/bin/env bash
# `make test-hard`: the reliability suite at full size on PostgreSQL (docs/reliability.md).
# A throw-away database is created and dropped; the figures each test recorded are printed last.
set -uo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB="motcua_hard_$$_$(date +%s)"

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "PostgreSQL is not answering on ${PGHOST}:${PGPORT}; trying to start it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || exit 1
fi
createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB" || exit 1
rm -f var/hard-figures.jsonl
MOTCUA_HARD=1 DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}" \
  .venv/bin/pytest -n 2 -q --create-db -m "hard or hard_only" "$@"
rc=$?
dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$DB"
.venv/bin/python scripts/hard_report.py var/hard-figures.jsonl
exit $rc
