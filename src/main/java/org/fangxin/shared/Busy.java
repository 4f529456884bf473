package org.fangxin.shared;

/**
 * The work did not get its turn in time: the lock that orders it behind concurrent work on the same object, or a
 * connection to wait for that lock, was not free within its bound. Nothing was done (the transaction rolls back); the
 * caller sends the same request again later with the same Idempotency-Key. Answered as the 503 problem {@code busy}
 * with {@code Retry-After}, never after a pool's default 30 s.
 */
public class Busy extends RuntimeException {

    public Busy(String message, Throwable cause) {
        super(message, cause);
    }
}
