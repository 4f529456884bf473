package org.fangxin.merchant.domain;

/** One invalid field of a command: its path (e.g. {@code stores[1].leaseEndsOn}), a message key and English text. */
public record FieldProblem(String field, String messageKey, String message) { }
