package org.fangxin.ledger.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.ledger.OwnerKind;
import org.fangxin.shared.Money;
import org.fangxin.shared.Shards;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The platform's and insurers' accounts over every shard (ADR 12 §4, sharded profile). Each shard keeps its own
 * sub-account of each such account (the guarantee fund, consumer funds clearing, fee income, an insurer's receivable…),
 * opened there by the first transfer that needs it; a transfer runs on one shard's connection, so it can only name
 * that shard's sub-accounts. The platform's figure is their sum, read here: one visit per shard. The ledger's
 * invariants are checked on each shard, and in total: every shard's balances sum to zero, so their sum does too.
 */
@Component
@Profile("sharded")
public class PlatformBooksOverShards {

    /** One account's normal balance: per shard, or summed over the shards. */
    public record Line(AccountType type, UUID ownerId, Money balance) { }

    /** One shard's platform and insurer sub-accounts and its own invariant check. */
    public record ShardPart(int shard, List<Line> accounts, boolean invariantsHold, List<InvariantReport.CurrencyTotals> totals) { }

    /** Every shard's part, the sums, and whether the books hold on each shard and in total. */
    public record View(List<ShardPart> shards, List<Line> total, boolean holds) { }

    private final Shards shards;
    private final Ledger ledger;

    PlatformBooksOverShards(Shards shards, Ledger ledger) {
        this.shards = shards;
        this.ledger = ledger;
    }

    public View read() {
        List<ShardPart> parts = shards.each(this::here);
        Map<String, Line> sums = new TreeMap<>();
        Map<String, Money> balanceSums = new TreeMap<>();
        boolean holds = true;
        for (ShardPart part : parts) {
            holds &= part.invariantsHold();
            for (Line line : part.accounts()) {
                sums.merge(line.type() + "/" + line.ownerId() + "/" + line.balance().currency(), line,
                        (a, b) -> new Line(a.type(), a.ownerId(), a.balance().plus(b.balance())));
            }
            for (InvariantReport.CurrencyTotals totals : part.totals()) {
                balanceSums.merge(totals.currency(), totals.balanceSum(), Money::plus);
            }
        }
        holds &= balanceSums.values().stream().allMatch(Money::isZero);
        return new View(parts, List.copyOf(sums.values()), holds);
    }

    private ShardPart here() {
        List<Line> lines = new ArrayList<>();
        for (AccountType type : AccountType.values()) {
            if (type.ownerKind() != OwnerKind.PLATFORM && type.ownerKind() != OwnerKind.INSURER) {
                continue;
            }
            for (int page = 0; ; page++) {
                LedgerPage<AccountView> accounts = ledger.accounts(type, null, page, Ledger.PAGE_SIZE_MAX);
                accounts.items().forEach(a -> lines.add(new Line(type, a.ownerId(), a.normalBalance())));
                if ((long) (page + 1) * accounts.size() >= accounts.totalItems() || accounts.items().isEmpty()) {
                    break;
                }
            }
        }
        InvariantReport books = ledger.checkInvariants();
        return new ShardPart(shards.current(), lines, books.holds(), books.totals());
    }
}
