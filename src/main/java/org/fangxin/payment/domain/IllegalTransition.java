package org.fangxin.payment.domain;

/** A transition the state machine forbids; reaching one is a bug in the caller, never an expected outcome. */
public class IllegalTransition extends IllegalStateException {

    public IllegalTransition(String message) {
        super(message);
    }
}
