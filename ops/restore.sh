#!/usr/bin/env bash
# Restores an embedded-database backup (ops/backup.sh) into an empty directory; PostgreSQL replays the WAL on start.
#   bash ops/restore.sh backups/fangxin-<time>.zip /path/to/empty/dir
# Then: stop the service, start it with FANGXIN_DATA_DIR=/path/to/empty/dir (or move the directory to data/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/fangxin.jar ] || ./mvnw -q -B -DskipTests package
java -cp target/fangxin.jar -Dloader.main=org.fangxin.shared.database.EmbeddedBackup \
  org.springframework.boot.loader.launch.PropertiesLauncher restore "${1:?backup file}" "${2:?empty target directory}"
