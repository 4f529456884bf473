package org.fangxin.complaint.workflow;

import java.util.Arrays;
import java.util.List;

/**
 * A timeline note: either text a person typed (shown as written) or a message key of complaint.properties with
 * language-neutral arguments (dates, references) that the page renders in the reader's language.
 */
public record Note(String text, String key, List<String> args) {

    public static final Note NONE = new Note(null, null, List.of());

    public Note {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** What a person typed (null or blank: no note). */
    public static Note typed(String text) {
        return text == null || text.isBlank() ? NONE : new Note(text.strip(), null, List.of());
    }

    /** A text of the platform: {@code complaint.timeline.note.<suffix>} with its arguments. */
    public static Note of(String suffix, Object... args) {
        return new Note(null, "complaint.timeline.note." + suffix, Arrays.stream(args).map(String::valueOf).toList());
    }
}
