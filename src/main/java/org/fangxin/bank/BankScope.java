package org.fangxin.bank;

import java.util.UUID;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.identity.Actor;
import org.springframework.stereotype.Service;

/**
 * Which merchants' money an actor sees as far as custodian banks go: a BANK user (or its API key) only the merchants
 * at its own bank; every other role is not limited here (its own checks apply). For other modules that show BANK users
 * merchant objects (payouts under dual control).
 */
@Service
public class BankScope {

    private final CustodianBanks banks;

    BankScope(CustodianBanks banks) {
        this.banks = banks;
    }

    /** True for a BANK user (or its API key): the merchants it sees are those at its own bank. */
    public boolean limits(Actor actor) {
        return banks.scopeOf(actor).isPresent();
    }

    /** False only for a BANK user whose bank is not the merchant's. */
    public boolean sees(Actor actor, UUID merchantId) {
        return banks.scopeOf(actor).map(bank -> bank.equals(banks.bankOfMerchant(merchantId))).orElse(true);
    }
}
