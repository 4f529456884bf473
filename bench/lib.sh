# Shared start-up of the Java benchmarks (sourced by bench/<name>/run.sh from the repository root):
#   bench_db NAME            system PostgreSQL up, role fangxin, a fresh database fangxin_bench_NAME (durable settings)
#   bench_build NAME         compiles, writes the test class path, copies the classes to target/bench-NAME
#   bench_java NAME HEAP CLASS ARGS...   runs CLASS on that copy and database, HEAP e.g. "-Xms512m -Xmx2g"
log() { printf '[bench %(%T)T] %s\n' -1 "$*"; }

bench_db() {
    command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
    local pgver
    pgver=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$pgver" main status >/dev/null 2>&1 \
        || pg_ctlcluster --skip-systemctl-redirect "$pgver" main start
    until pg_isready -q -h 127.0.0.1; do sleep 0.2; done
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE fangxin LOGIN PASSWORD ''fangxin''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fangxin')\gexec
DROP DATABASE IF EXISTS fangxin_bench_$1 WITH (FORCE);
CREATE DATABASE fangxin_bench_$1 OWNER fangxin;
SQL
}

bench_build() {
    log "building"
    ./mvnw -B -ntp -q -o -DskipTests test-compile
    ./mvnw -B -ntp -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
    # a private copy of the classes, so rebuilding the worktree during a long run cannot change them under the JVM
    rm -rf "target/bench-$1" && mkdir -p "target/bench-$1"
    cp -r target/classes target/test-classes "target/bench-$1/"
}

bench_java() {
    local name=$1 heap=$2
    shift 2
    # the application refuses development keys outside the demo profile: keys of this run (nothing is signed for real)
    # shellcheck disable=SC2086 # the heap options are several words
    FANGXIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/fangxin_bench_$name" FANGXIN_DB_USER=fangxin FANGXIN_DB_PASSWORD=fangxin \
      FANGXIN_DB_POOL_SIZE=10 FANGXIN_LOG_FORMAT= FANGXIN_IDENTITY_HMAC_KEY="bench-$name-identity-key-0123456789abcdef" \
      FANGXIN_CARD_TOKEN_KEY="bench-$name-card-token-key-0123456789abcdef" \
      FANGXIN_PAYMENT_SANDBOX_SECRET="bench-$name-sandbox-secret-0123456789" \
      java $heap ${BENCH_JAVA_OPTS:-} -cp "target/bench-$name/test-classes:target/bench-$name/classes:$(cat target/bench-classpath.txt)" "$@"
}
