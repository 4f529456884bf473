# Sourced by the benchmarks' run.sh (BENCH_PRIVATE_PG=<port>): a private PostgreSQL cluster of the system's version
# ($PGVER) and settings (durable, the system cluster's defaults) on that port, with pg_stat_statements, which the shared
# cluster cannot preload without a restart. private_pg_start <port> appends its standard input to postgresql.conf (at
# least shared_preload_libraries); the caller traps stop_private.
PGBIN=/usr/lib/postgresql/$PGVER/bin

stop_private() {
  [ -n "${PGDATA_PRIVATE:-}" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_PRIVATE" -m fast stop >/dev/null 2>&1 || true
}

private_pg_start() {
  PGDATA_PRIVATE=/tmp/fangxin-pg-$1   # owned by postgres; target/ is not
  stop_private
  rm -rf "$PGDATA_PRIVATE"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_PRIVATE" --locale=C.UTF-8 --auth=trust >/dev/null
  { cat <<CONF
port = $1
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
shared_buffers = 128MB
max_connections = 100
pg_stat_statements.track = all
pg_stat_statements.max = 5000
CONF
    cat; } >> "$PGDATA_PRIVATE/postgresql.conf"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_PRIVATE" -l "$PGDATA_PRIVATE/log" -w start >/dev/null
}
