#!/usr/bin/env bash
# Restore test: restores a backup (ops/backup.sh) into a fresh directory, starts Fangxin on it in check mode and
# requires the ledger invariants to hold and the audit hash chain to be intact. Exit 0 = the backup is good.
#   bash ops/restore-test.sh backups/fangxin-<time>.zip [fresh-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BACKUP=${1:?usage: ops/restore-test.sh <backup.zip> [fresh-dir]}
TARGET=${2:-$(mktemp -d /tmp/fangxin-restore-XXXXXX)/postgres}
log() { printf '[restore-test %(%T)T] %s\n' -1 "$*"; }
[ -f target/fangxin.jar ] || ./mvnw -q -B -DskipTests package
log "restoring $BACKUP into $TARGET"
bash ops/restore.sh "$BACKUP" "$TARGET"
log "starting Fangxin on the restored directory in check mode (ledger invariants, audit chain)"
secret() { head -c 48 /dev/urandom | base64 | tr -d '\n/+='; }
set +e
FANGXIN_DATA_DIR="$TARGET" FANGXIN_DB_URL= FANGXIN_JOBS_ENABLED=false FANGXIN_LOG_FORMAT= \
  FANGXIN_IDENTITY_HMAC_KEY=$(secret) FANGXIN_CARD_TOKEN_KEY=$(secret) \
  java -jar target/fangxin.jar --fangxin.check-and-exit=true --server.port=0 --logging.level.root=WARN | grep '^CHECK'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then log "restore test PASSED ($TARGET)"; else log "restore test FAILED (exit $status)"; fi
exit "$status"
