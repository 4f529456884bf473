package org.fangxin.complaint.web;

import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** Amounts typed on pages in yuan ("1200" or "1200.50") become fen here, at the edge; blank means none. */
final class Yuan {

    private Yuan() {
    }

    static Money parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip().replace(",", "");
        if (!value.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
            throw Rejection.invalid(field, "an amount in yuan like 1200 or 1200.50");
        }
        int dot = value.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        String cents = dot < 0 ? "00" : (value.substring(dot + 1) + "0").substring(0, 2);
        return Money.fen(Math.addExact(Math.multiplyExact(whole, 100), Long.parseLong(cents)));
    }
}
