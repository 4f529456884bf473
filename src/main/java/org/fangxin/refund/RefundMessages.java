package org.fangxin.refund;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Texts of the notices the module sends; written in Chinese, the platform's default language for consumers. */
@Component
class RefundMessages {

    private final MessageSource messages;

    RefundMessages(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.SIMPLIFIED_CHINESE);
    }
}
