package org.fangxin.catalog.web;

import java.util.List;
import org.fangxin.rules.Violation;

/** What the editor shows under the form: field errors, a refusal (problem detail) and rule violations. */
public record EditorFeedback(boolean checked, List<ProductForm.FieldError> fieldErrors, List<String> inputErrors, String refusal,
                             List<Violation> violations) {

    static EditorFeedback none() {
        return new EditorFeedback(false, List.of(), List.of(), null, List.of());
    }

    public boolean ok() {
        return checked && fieldErrors.isEmpty() && inputErrors.isEmpty() && refusal == null && violations.isEmpty();
    }

    public boolean bannedClause() {
        return violations.stream().anyMatch(v -> v.rule().equals(Violation.BANNED_CLAUSE) || v.rule().equals(Violation.TRANSFER_BANNED));
    }
}
