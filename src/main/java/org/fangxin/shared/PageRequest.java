package org.fangxin.shared;

/**
 * One page of a list: pages count from 0 and a page holds at most the list's maximum (a size below 1 asks for one
 * row). A negative page, or one beyond what an offset can count, is refused as bad input (400), not a 500.
 */
public record PageRequest(int offset, int limit) {

    public static PageRequest of(int page, int size, int maxSize) {
        if (page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        int limit = limit(size, maxSize);
        long offset = (long) page * limit;
        if (offset > Integer.MAX_VALUE) {
            throw Rejection.invalid("page", "page is beyond the end of any list");
        }
        return new PageRequest((int) offset, limit);
    }

    /** The rows a page may hold: {@code size} kept between 1 and {@code maxSize}. */
    public static int limit(int size, int maxSize) {
        return Math.min(Math.max(size, 1), maxSize);
    }
}
