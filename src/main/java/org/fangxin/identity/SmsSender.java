package org.fangxin.identity;

/**
 * The port through which identity sends text messages (login codes). The only adapter today is {@link SmsOutbox},
 * which keeps messages in the database for the demo; a carrier adapter would implement this interface instead.
 */
public interface SmsSender {

    /** Sends {@code text} to a mainland mobile number; runs inside the caller's transaction when it has one. */
    void send(String mobile, String text);
}
