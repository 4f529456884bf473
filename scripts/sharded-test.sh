#!/usr/bin/env bash
# Runs the sharded profile's tests (src/sharded-test, docs/scale-out.md) against three local shards, starting them
# first with scripts/sharded-up.sh. Not part of `./mvnw verify`: the default build has no ShardingSphere on its classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/sharded-up.sh
# Three application contexts (jobs off, jobs on, Kafka) each hold pools on every shard, and postgres_fdw opens more on
# ds_0: keep at most two alive, or the third exhausts the shards' 60 connections.
./mvnw -B -ntp -Psharded test -Dtest.forks=1 -Dtest='Sharded*Tests' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspring.test.context.cache.maxSize=2 "$@"
