package org.fangxin.settlement.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words a payout's hold reason for people in their language (pages call {@code @holdReasons.text(reason)}): the
 * stored reason is the settlement's plain English record, such as merchant is SUSPENDED.
 */
@Component("holdReasons")
class HoldReasons {

    private final MessageSource messages;

    HoldReasons(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        if (reason.startsWith("merchant is ")) {
            String status = reason.substring("merchant is ".length()).strip();
            String name = messages.getMessage("merchant.status." + status, null, status, locale);
            return messages.getMessage("settlement.hold.merchantStatus", new Object[] {name}, locale);
        }
        if (reason.startsWith("no settlement account")) {
            return messages.getMessage("settlement.hold.noAccount", null, locale);
        }
        if (reason.startsWith("the bank returned")) {
            int open = reason.lastIndexOf('(');
            String code = open >= 0 ? reason.substring(open + 1).replace(")", "").strip() : "";
            return messages.getMessage("settlement.hold.returned", new Object[] {code}, locale);
        }
        if (reason.startsWith("a payout of this merchant awaits")) {
            return messages.getMessage("settlement.hold.awaitingApproval", null, locale);
        }
        return messages.getMessage("settlement.hold.other", new Object[] {reason}, locale);
    }
}
