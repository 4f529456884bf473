package org.fangxin.merchant;

/** Public-register flags that bar a merchant from selling prepaid products (domain.md §4). */
public record ComplianceFlags(boolean dishonestDebtor, boolean abnormalOperation, boolean deregistering) {

    public static final ComplianceFlags CLEAR = new ComplianceFlags(false, false, false);

    public boolean any() {
        return dishonestDebtor || abnormalOperation || deregistering;
    }
}
