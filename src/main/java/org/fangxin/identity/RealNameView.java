package org.fangxin.identity;

import java.time.Instant;

/** A consumer's verified real name; the ID number only ever masked ({@code 1101**********123X}). */
public record RealNameView(String fullName, String idNumberMasked, Instant verifiedAt) { }
