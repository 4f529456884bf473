package org.fangxin.oversight.filing;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.SalesBlocks;
import org.fangxin.oversight.Filings;
import org.springframework.stereotype.Component;

/** Tells the card module that a merchant with an overdue filing may not sell (where the filing rule says so). */
@Component
class FilingSalesBlock implements SalesBlocks {

    private final Filings filings;

    FilingSalesBlock(Filings filings) {
        this.filings = filings;
    }

    @Override
    public Optional<String> reasonToRefuse(UUID merchantId) {
        return Optional.ofNullable(filings.reasonToBlock(merchantId));
    }
}
