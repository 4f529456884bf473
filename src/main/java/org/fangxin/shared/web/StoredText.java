package org.fangxin.shared.web;

import java.util.List;
import java.util.Locale;
import org.fangxin.shared.MessageArgument;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Renders a text a module stored as a message key and its arguments (ADR 11) in the reader's language; an argument
 * {@code msg:<key>} ({@link MessageArgument}) is itself a message, the others are shown as stored.
 * Pages: {@code ${@storedText.render(key, args)}}.
 */
@Component("storedText")
public class StoredText {

    private final MessageSource messages;

    StoredText(MessageSource messages) {
        this.messages = messages;
    }

    /** In the current request's language; the key itself when it is missing from the bundles. */
    public String render(String key, List<String> arguments) {
        return render(key, arguments, LocaleContextHolder.getLocale());
    }

    public String render(String key, List<String> arguments, Locale locale) {
        Object[] args = arguments == null ? new Object[0] : arguments.stream().map(a -> argument(a, locale)).toArray();
        return messages.getMessage(key, args, key, locale);
    }

    private String argument(String argument, Locale locale) {
        if (argument == null || !argument.startsWith(MessageArgument.PREFIX)) {
            return argument;
        }
        String key = argument.substring(MessageArgument.PREFIX.length());
        return messages.getMessage(key, null, key, locale);
    }
}
