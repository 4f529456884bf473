package org.fangxin.protection.recovery;

import org.fangxin.shared.Rejection;

/** Validation of the free texts of the recovery forms (references, reasons). */
final class RecoveryText {

    private RecoveryText() {
    }

    static String required(String field, String text, int lengthMax) {
        if (text == null || text.isBlank() || text.trim().length() > lengthMax) {
            throw Rejection.invalid(field, "1 to " + lengthMax + " characters are required");
        }
        return text.trim();
    }
}
