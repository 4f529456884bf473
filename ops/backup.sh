#!/usr/bin/env bash
# Online backup of Fangxin's database while the service runs (it keeps serving).
#   bash ops/backup.sh [file]      default: backups/fangxin-<UTC time>.zip
# Embedded default (FANGXIN_DATA_DIR, default data/postgres): a physical backup through PostgreSQL's backup API, made
# by the service's own jar (target/fangxin.jar; no PostgreSQL tools needed): the data directory plus the WAL written
# meanwhile. Restore = `bash ops/restore.sh <file> <empty dir>`, then start with FANGXIN_DATA_DIR=<that dir>.
# External PostgreSQL (FANGXIN_DB_URL set): the system's pg_dump writes a custom-format dump (restore with pg_restore).
# Keep the secrets (FANGXIN_IDENTITY_HMAC_KEY, ...) with the backup, separately: hashed codes and ID numbers need them.
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
if [ -n "${FANGXIN_DB_URL:-}" ]; then
  OUT=${1:-backups/fangxin-$STAMP.dump}
  mkdir -p "$(dirname "$OUT")"
  PGPASSWORD=${FANGXIN_DB_PASSWORD:-} pg_dump --format=custom --no-owner --username="${FANGXIN_DB_USER:-}" \
    --file="$OUT" "${FANGXIN_DB_URL#jdbc:}"
  echo "backup written: $OUT"
  exit 0
fi
OUT=${1:-backups/fangxin-$STAMP.zip}
[ -f target/fangxin.jar ] || ./mvnw -q -B -DskipTests package
java -cp target/fangxin.jar -Dloader.main=org.fangxin.shared.database.EmbeddedBackup \
  org.springframework.boot.loader.launch.PropertiesLauncher backup "${FANGXIN_DATA_DIR:-data/postgres}" "$OUT"
