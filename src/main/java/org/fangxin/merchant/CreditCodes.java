package org.fangxin.merchant;

import org.fangxin.merchant.domain.CreditCode;

/** The unified social credit code check (GB 32100-2015) for other modules, e.g. risk feeds keyed by credit code. */
public final class CreditCodes {

    private CreditCodes() {
    }

    /** Upper case without spaces, as stored. */
    public static String normalize(String code) {
        return CreditCode.normalize(code);
    }

    /** A valid code from its first 17 characters (adds the check character), e.g. for sandbox data. */
    public static String withCheckCharacter(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** Whether the (normalized) code has 18 valid characters and its check character matches. */
    public static boolean isValid(String code) {
        return CreditCode.isValid(code);
    }
}
