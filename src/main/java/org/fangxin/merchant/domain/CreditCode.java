package org.fangxin.merchant.domain;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set without
 * I, O, Z, S and V; position 1 is the registration authority, 2 the entity type, 3–8 the administrative region
 * (GB/T 2260 digits), 9–17 the organisation code and 18 a check character over the first 17.
 */
public final class CreditCode {

    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static final int LENGTH = 18;
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Why a code is not valid. */
    public enum Problem { MISSING, LENGTH, CHARACTER, REGION, CHECK_CHARACTER }

    private CreditCode() {
    }

    /** Upper case without surrounding spaces, as codes are printed on licences. */
    public static String normalize(String code) {
        return code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** The first problem of an already normalized code, or empty when it is valid. */
    public static Optional<Problem> problem(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of(Problem.MISSING);
        }
        if (code.length() != LENGTH) {
            return Optional.of(Problem.LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(Problem.CHARACTER);
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of(Problem.REGION);
            }
        }
        if (checkCharacter(code.substring(0, LENGTH - 1)) != code.charAt(LENGTH - 1)) {
            return Optional.of(Problem.CHECK_CHARACTER);
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(normalize(code)).isEmpty();
    }

    /** The check character for the first 17 characters: 31 − (Σ value × weight mod 31), where 31 is written 0. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need the first 17 characters: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit-code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return CHARSET.charAt(check);
    }
}
