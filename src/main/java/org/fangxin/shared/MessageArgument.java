package org.fangxin.shared;

/**
 * Arguments of a text stored as a message key (ADR 11): most are literals shown as stored (numbers, dates,
 * references); one that names a word changing with the language (a factor's or a list's name) is stored as
 * {@code msg:<key>} and resolved when the text is shown (shared.web.StoredText).
 */
public final class MessageArgument {

    public static final String PREFIX = "msg:";

    private MessageArgument() {
    }

    /** An argument that names a message key. */
    public static String key(String messageKey) {
        return PREFIX + messageKey;
    }
}
