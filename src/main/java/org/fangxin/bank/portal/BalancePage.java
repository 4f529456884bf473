package org.fangxin.bank.portal;

import java.util.List;

/** One page of supervised balances, with the page's totals; {@code total} counts merchants listed by the merchant module. */
public record BalancePage(List<SupervisedBalance> items, int page, int size, long total,
                          org.fangxin.shared.Money escrowTotal, org.fangxin.shared.Money riskDepositTotal,
                          org.fangxin.shared.Money inTransitTotal) {

    public BalancePage {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
