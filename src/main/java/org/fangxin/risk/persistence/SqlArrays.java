package org.fangxin.risk.persistence;

import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * A chunk's rows as one array per column, for {@code insert … select … from unnest(:a, :b, …)}: one statement and one
 * round trip per chunk instead of a batch of a thousand executions (docs/performance.md, risk rating). Days and other
 * values without a driver array type go as text and are cast in SQL ({@code cast(:days as date[])}); null stays null.
 */
final class SqlArrays {

    static <T> UUID[] uuids(Collection<T> rows, Function<T, UUID> column) {
        return rows.stream().map(column).toArray(UUID[]::new);
    }

    static <T> String[] texts(Collection<T> rows, Function<T, ?> column) {
        return rows.stream().map(column).map(v -> v == null ? null : v.toString()).toArray(String[]::new);
    }

    static <T> Integer[] ints(Collection<T> rows, Function<T, Integer> column) {
        return rows.stream().map(column).toArray(Integer[]::new);
    }

    static <T> Long[] longs(Collection<T> rows, Function<T, Long> column) {
        return rows.stream().map(column).toArray(Long[]::new);
    }

    static <T> Boolean[] booleans(Collection<T> rows, Function<T, Boolean> column) {
        return rows.stream().map(column).toArray(Boolean[]::new);
    }

    private SqlArrays() {
    }
}
