package org.fangxin.protection;

import java.time.Instant;
import java.util.List;

/**
 * One step of a closure case: who did what, when, with which note. A note another module wrote for the system (the
 * risk score's suspicion) is also a message key and its arguments ({@code noteKey} null for people's notes), shown in
 * the reader's language; {@code note} then holds its Chinese rendering.
 */
public record ClosureStepView(String kind, String note, String noteKey, List<String> noteArgs, String actor, Instant at) {

    public ClosureStepView {
        noteArgs = noteArgs == null ? List.of() : List.copyOf(noteArgs);
    }
}
