package org.fangxin.bank.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.custodian.CustodianBankView;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.reconciliation.CertificateView;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.merchant.MerchantPage;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custodian bank's portal onto what it supervises: each merchant's escrow and risk-deposit sub-accounts (numbers
 * assigned on first use), their balances as of a day and movements from the ledger, the payout instructions the
 * platform sent, imported statements; and the regulator's certificate status by region.
 *
 * <p>Access: BANK and OPERATOR see every accepted merchant; a merchant's owner or staff see their own merchant's
 * sub-accounts and movements (another merchant answers 404); REGULATOR (a sector regulator only its sector) and
 * OPERATOR read the region status; any other role is refused (403). A BANK user belongs to one custodian bank
 * ({@link CustodianBanks}) and sees only that bank's merchants, instructions and statements; another bank's merchant
 * answers 404.
 */
@Service
@Transactional
public class BankPortal {

    public static final int PAGE_SIZE_MAX = 100;
    /** Merchants read per page of the merchant module while building the region view. */
    private static final int MERCHANTS_PER_READ = 100;
    /** Statuses whose money may still be in custody; applications (PENDING, REJECTED) have none. */
    private static final Set<MerchantStatus> IN_CUSTODY = EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED,
            MerchantStatus.CLOSING, MerchantStatus.CLOSED);
    private static final String ESCROW_DEBTOR_PREFIX = "ESCROW-";

    private final PortalRepository repository;
    private final Reconciliations reconciliations;
    private final CustodianBanks banks;
    private final SandboxBank bank;
    private final Ledger ledger;
    private final Merchants merchants;
    private final Clock clock;
    private final Shards shards;
    private final String custodyAccount;

    BankPortal(PortalRepository repository, Reconciliations reconciliations, CustodianBanks banks,
               SandboxBank bank, Ledger ledger, Merchants merchants, Clock clock, Shards shards,
               @Value("${fangxin.bank.custody-account-number:FX-CUSTODY-410200-0001}") String custodyAccount) {
        this.repository = repository;
        this.reconciliations = reconciliations;
        this.banks = banks;
        this.bank = bank;
        this.ledger = ledger;
        this.merchants = merchants;
        this.clock = clock;
        this.shards = shards;
        this.custodyAccount = custodyAccount;
    }

    public String custodyAccount() {
        return custodyAccount;
    }

    /** The platform's custody account at the caller's bank (a BANK user's own; the configured one for the others). */
    public String custodyAccount(Actor actor) {
        return banks.scopeOf(actor).map(banks::existing).map(CustodianBankView::custodyAccount).orElse(custodyAccount);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone());
    }

    // ------------------------------------------------------------------ sub-accounts

    /** The merchant's sub-account numbers (assigned when it was approved). */
    public CustodyAccountsView custodyAccounts(Actor actor, UUID merchantId) {
        return accountsOf(readable(actor, merchantId));
    }

    /** The sub-accounts of the merchant the caller works for (owner or staff). */
    public CustodyAccountsView myCustodyAccounts(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw forbidden();
        }
        return custodyAccounts(actor, actor.merchantId());
    }

    /** The numbers assigned at approval; none yet (null) for a merchant approved before numbering at approval. */
    private CustodyAccountsView accountsOf(MerchantView merchant) {
        Optional<PortalRepository.SubAccounts> accounts = repository.subAccounts(merchant.id());
        String at = banks.bankOfMerchant(merchant.id());
        String custody = Optional.ofNullable(banks.existing(at).custodyAccount()).orElse(custodyAccount);
        return new CustodyAccountsView(merchant.id(), merchant.legalName(), merchant.regionCode(), custody,
                accounts.map(PortalRepository.SubAccounts::escrow).orElse(null),
                accounts.map(PortalRepository.SubAccounts::deposit).orElse(null),
                accounts.map(PortalRepository.SubAccounts::assignedAt).orElse(null), at);
    }

    // ------------------------------------------------------------------ balances and movements

    /**
     * BANK, OPERATOR: every merchant in custody with its balances at the end of {@code asOf} (today when null); a
     * BANK user only its own bank's merchants.
     */
    public BalancePage balances(Actor actor, LocalDate asOf, int page, int size) {
        requireBankOrOperator(actor);
        LocalDate day = asOf == null ? today() : asOf;
        int limit = PageRequest.of(page, size, PAGE_SIZE_MAX).limit();
        if (shards.count() > 1) {
            return balancesOfEveryShard(actor, day, page, limit);
        }
        MerchantPage listed = merchants.list(actor, null, page, limit);
        Optional<String> scope = banks.scopeOf(actor);
        List<SupervisedBalance> items = new ArrayList<>();
        Money escrow = Money.zero(Money.CNY);
        Money deposit = Money.zero(Money.CNY);
        Money transit = Money.zero(Money.CNY);
        for (MerchantView merchant : listed.items()) {
            if (!IN_CUSTODY.contains(merchant.status()) || !atBankOf(scope, merchant.id())) {
                continue;
            }
            SupervisedBalance balance = balanceOf(merchant, day);
            items.add(balance);
            escrow = escrow.plus(balance.escrow());
            deposit = deposit.plus(balance.riskDeposit());
            transit = transit.plus(balance.inTransit());
        }
        return new BalancePage(items, page, limit, listed.total(), escrow, deposit, transit);
    }

    /** A merchant as one shard lists it, with the shard's number and how many that shard lists in all. */
    private record Listed(int shard, MerchantView merchant, long shardTotal) { }

    /** The merchant list's order: newest application first, then id (PostgreSQL orders uuids as their text). */
    private static final Comparator<Listed> NEWEST_APPLICATION_FIRST = Comparator
            .comparing((Listed l) -> l.merchant().appliedAt()).thenComparing(l -> l.merchant().id().toString()).reversed();

    /**
     * Sharded (ADR 12 §8i): each shard lists its first pages of merchants, the page is cut from their merge, and each
     * shard then reads the balances of the page's merchants it keeps (its own ledger). The total adds the shards' totals.
     */
    private BalancePage balancesOfEveryShard(Actor actor, LocalDate day, int page, int limit) {
        List<Listed> merged = new ArrayList<>();
        long total = 0;
        for (List<Listed> part : shards.each(() -> firstPagesHere(actor, page, limit))) {
            merged.addAll(part);
            total += part.isEmpty() ? 0 : part.get(0).shardTotal();
        }
        merged.sort(NEWEST_APPLICATION_FIRST);
        List<Listed> cut = merged.subList(Math.min(page * limit, merged.size()), Math.min(page * limit + limit, merged.size()));
        Optional<String> scope = banks.scopeOf(actor);
        Map<UUID, SupervisedBalance> byMerchant = new HashMap<>();
        shards.each(() -> cut.stream().filter(l -> l.shard() == shards.current()).map(Listed::merchant)
                        .filter(m -> IN_CUSTODY.contains(m.status()) && atBankOf(scope, m.id()))
                        .map(m -> balanceOf(m, day)).toList())
                .forEach(part -> part.forEach(balance -> byMerchant.put(balance.merchantId(), balance)));
        List<SupervisedBalance> items = new ArrayList<>();
        Money escrow = Money.zero(Money.CNY);
        Money deposit = Money.zero(Money.CNY);
        Money transit = Money.zero(Money.CNY);
        for (Listed listed : cut) {
            SupervisedBalance balance = byMerchant.get(listed.merchant().id());
            if (balance != null) {
                items.add(balance);
                escrow = escrow.plus(balance.escrow());
                deposit = deposit.plus(balance.riskDeposit());
                transit = transit.plus(balance.inTransit());
            }
        }
        return new BalancePage(items, page, limit, total, escrow, deposit, transit);
    }

    /** This shard's merchants of pages 0 to {@code page} (its first {@code (page + 1) * limit}). */
    private List<Listed> firstPagesHere(Actor actor, int page, int limit) {
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i <= page; i++) {
            MerchantPage part = merchants.list(actor, null, i, limit);
            part.items().forEach(m -> listed.add(new Listed(shards.current(), m, part.total())));
            if (part.items().size() < limit) {
                break;
            }
        }
        return listed;
    }

    /** One merchant's balances at the end of {@code asOf}; BANK, OPERATOR, or the merchant's own people. */
    public SupervisedBalance balance(Actor actor, UUID merchantId, LocalDate asOf) {
        return balanceOf(readable(actor, merchantId), asOf == null ? today() : asOf);
    }

    private SupervisedBalance balanceOf(MerchantView merchant, LocalDate day) {
        CustodyAccountsView accounts = accountsOf(merchant);
        // Postgres keeps microseconds: the day's last instant is the next day's start less one microsecond.
        Instant endOfDay = day.plusDays(1).atStartOfDay(zone()).toInstant().minusNanos(1_000);
        return new SupervisedBalance(merchant.id(), merchant.legalName(), merchant.regionCode(), accounts.escrowSubAccount(),
                accounts.depositSubAccount(), day, balanceAsOf(AccountType.ESCROW, merchant.id(), endOfDay),
                balanceAsOf(AccountType.RISK_DEPOSIT_HELD, merchant.id(), endOfDay),
                balanceAsOf(AccountType.MERCHANT_SETTLEMENT, merchant.id(), endOfDay));
    }

    private Money balanceAsOf(AccountType type, UUID merchantId, Instant at) {
        return ledger.findAccount(type, merchantId, Money.CNY).map(account -> ledger.balanceAsOf(account.id(), at))
                .orElse(Money.zero(Money.CNY));
    }

    /** A sub-account's ledger entries, newest first; BANK, OPERATOR, or the merchant's own people. */
    @Transactional(noRollbackFor = Rejection.class)
    public MovementPage movements(Actor actor, UUID merchantId, SubAccountKind kind, int page, int size) {
        MerchantView merchant = readable(actor, merchantId);
        SubAccountKind which = kind == null ? SubAccountKind.ESCROW : kind;
        int limit = PageRequest.of(page, size, PAGE_SIZE_MAX).limit();
        CustodyAccountsView accounts = accountsOf(merchant);
        String number = which == SubAccountKind.ESCROW ? accounts.escrowSubAccount() : accounts.depositSubAccount();
        Optional<AccountView> account = ledger.findAccount(which.ledgerAccount(), merchantId, Money.CNY);
        if (account.isEmpty()) {
            return new MovementPage(merchantId, which, number, Money.zero(Money.CNY), List.of(), page, limit, 0);
        }
        LedgerPage<EntryView> entries = ledger.entries(account.get().id(), page, limit);
        // Both sub-accounts mirror debit-normal asset accounts: a debit (positive) is money in.
        List<MovementPage.Movement> items = entries.items().stream().map(e -> new MovementPage.Movement(e.id(),
                e.transferId().value(), e.postedAt(), e.amount().isPositive() ? "IN" : "OUT", e.amount())).toList();
        return new MovementPage(merchantId, which, number, account.get().normalBalance(), items, page, limit,
                entries.totalItems());
    }

    // ------------------------------------------------------------------ instructions and statements

    /** BANK, OPERATOR: the payout instructions the bank received from the platform, newest first. */
    @Transactional(readOnly = true)
    public List<SentInstruction> instructions(Actor actor, InstructionState state, int page, int size) {
        requireBankOrOperator(actor);
        // A bank sees the instructions it received (each bank's sandbox instance keeps its own); an operator every bank's.
        // Each shard names the merchants of the instructions it keeps (sharded profile); the page is cut from all.
        String scope = banks.scopeOf(actor).orElse(null);
        PageRequest rows = PageRequest.of(page, PageRequest.limit(size, PAGE_SIZE_MAX), PAGE_SIZE_MAX);
        return shards.page((offset, limit) -> sentHere(scope, state, offset, limit),
                Comparator.comparing(SentInstruction::receivedAt).thenComparing(SentInstruction::endToEndId).reversed(),
                rows.offset(), rows.limit());
    }

    private List<SentInstruction> sentHere(String scope, InstructionState state, int offset, int limit) {
        List<BankInstructionView> received = bank.instructionsHere(scope, state, offset, limit);
        Map<String, Optional<MerchantView>> byDebtor = new HashMap<>();
        List<SentInstruction> sent = new ArrayList<>(received.size());
        for (BankInstructionView i : received) {
            Optional<MerchantView> merchant = byDebtor.computeIfAbsent(i.debtorAccount(), this::merchantOfDebtor);
            sent.add(new SentInstruction(i.endToEndId(), merchant.map(MerchantView::id).orElse(null),
                    merchant.map(MerchantView::legalName).orElse(null), i.debtorAccount(), i.creditorName(),
                    i.creditorAccount(), i.amount(), i.state(), i.reasonCode(), i.receivedAt(), i.decidedAt(), i.custodianBank()));
        }
        return sent;
    }

    /** Settlement names the debtor {@code ESCROW-<merchantId>}; a file-based sender may name the sub-account number. */
    private Optional<MerchantView> merchantOfDebtor(String debtorAccount) {
        Optional<UUID> merchantId;
        if (debtorAccount.startsWith(ESCROW_DEBTOR_PREFIX)) {
            try {
                merchantId = Optional.of(UUID.fromString(debtorAccount.substring(ESCROW_DEBTOR_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                merchantId = Optional.empty();
            }
        } else {
            merchantId = repository.merchantOfAccount(debtorAccount);
        }
        return merchantId.flatMap(merchants::find);
    }

    /** BANK, OPERATOR: imported statements, newest first, with their reconciliation results. */
    @Transactional(readOnly = true)
    public List<StatementSummary> statements(Actor actor, int page, int size) {
        requireBankOrOperator(actor);
        PageRequest rows = PageRequest.of(page, size, PAGE_SIZE_MAX);
        String scope = banks.scopeOf(actor).orElse(null);
        if (shards.count() == 1) {
            return repository.statements(scope, rows.offset(), rows.limit());
        }
        // Sharded: every shard keeps its merchants' part of each import, under the import's id (ADR 12 §8c).
        List<StatementSummary> parts = new ArrayList<>();
        shards.each(() -> repository.statements(scope, 0, rows.offset() + rows.limit())).forEach(parts::addAll);
        return StatementSummary.combined(parts).stream().skip(rows.offset()).limit(rows.limit()).toList();
    }

    /** BANK (its own bank), OPERATOR (every bank): payout files, instructions and the last statement per custodian bank. */
    @Transactional(readOnly = true)
    public List<BankPayoutStatus> payoutStatusByBank(Actor actor) {
        requireBankOrOperator(actor);
        String scope = banks.scopeOf(actor).orElse(null);
        List<List<BankPayoutStatus>> parts = shards.each(() -> repository.payoutStatus(scope));
        return parts.size() == 1 ? parts.get(0) : BankPayoutStatus.combined(parts);
    }

    // ------------------------------------------------------------------ regulator

    /**
     * REGULATOR (within its region and sector: the merchant list is scoped) and OPERATOR: per region, the merchants in custody and where
     * each stands on the day's certificate. Regions sorted by code.
     */
    @Transactional(readOnly = true)
    public List<RegionCertificateStatus> certificateStatusByRegion(Actor actor, LocalDate date) {
        if (!actor.is(Role.REGULATOR, Role.OPERATOR)) {
            throw forbidden();
        }
        LocalDate day = date == null ? today() : date;
        // Each merchant stands where its own bank's certificate puts it (another bank's statement never decides it).
        Map<String, Map<UUID, CertificateView.AccountLine>> linesByBank = new HashMap<>();
        Map<String, List<RegionCertificateStatus.MerchantLine>> byRegion = new TreeMap<>();
        for (MerchantView merchant : everyMerchant(actor)) {
            if (!IN_CUSTODY.contains(merchant.status()) || merchant.status() == MerchantStatus.CLOSED) {
                continue;
            }
            String at = banks.bankOfMerchant(merchant.id());
            CertificateView.AccountLine line = linesByBank.computeIfAbsent(at, b -> linesOf(reconciliations.certificate(day, b)))
                    .get(merchant.id());
            RegionCertificateStatus.State state = line == null ? RegionCertificateStatus.State.MISSING
                    : line.status() == CertificateView.Status.GREEN ? RegionCertificateStatus.State.GREEN
                    : line.openBreaks() > 0 ? RegionCertificateStatus.State.OPEN_BREAKS
                    : RegionCertificateStatus.State.MISMATCH;
            byRegion.computeIfAbsent(merchant.regionCode(), r -> new ArrayList<>()).add(new RegionCertificateStatus.MerchantLine(
                    merchant.id(), merchant.legalName(), merchant.sector().name(),
                    line == null ? null : line.accountNumber(), state, line == null ? 0 : line.openBreaks(), at));
        }
        List<RegionCertificateStatus> regions = new ArrayList<>();
        byRegion.forEach((region, merchantLines) -> regions.add(new RegionCertificateStatus(day, region,
                count(merchantLines, RegionCertificateStatus.State.GREEN), count(merchantLines, RegionCertificateStatus.State.OPEN_BREAKS),
                count(merchantLines, RegionCertificateStatus.State.MISMATCH), count(merchantLines, RegionCertificateStatus.State.MISSING),
                merchantLines)));
        return regions;
    }

    /**
     * Every merchant the actor may see, newest application first: each shard lists its own (sharded, ADR 12 §8i), the
     * lists are merged. The certificates they are looked up in already combine every shard's part.
     */
    private List<MerchantView> everyMerchant(Actor actor) {
        if (shards.count() == 1) {
            return everyMerchantHere(actor);
        }
        List<Listed> merged = new ArrayList<>();
        shards.each(() -> everyMerchantHere(actor).stream().map(m -> new Listed(shards.current(), m, 0)).toList())
                .forEach(merged::addAll);
        merged.sort(NEWEST_APPLICATION_FIRST);
        return merged.stream().map(Listed::merchant).toList();
    }

    private List<MerchantView> everyMerchantHere(Actor actor) {
        List<MerchantView> all = new ArrayList<>();
        int page = 0;
        MerchantPage listed;
        do {
            listed = merchants.list(actor, null, page++, MERCHANTS_PER_READ);
            all.addAll(listed.items());
        } while ((long) page * MERCHANTS_PER_READ < listed.total());
        return all;
    }

    private static Map<UUID, CertificateView.AccountLine> linesOf(CertificateView certificate) {
        Map<UUID, CertificateView.AccountLine> lines = new HashMap<>();
        certificate.accounts().stream().filter(line -> line.merchantId() != null).forEach(line -> lines.put(line.merchantId(), line));
        return lines;
    }

    private static int count(List<RegionCertificateStatus.MerchantLine> lines, RegionCertificateStatus.State state) {
        return (int) lines.stream().filter(line -> line.state() == state).count();
    }

    // ------------------------------------------------------------------ access

    /** The merchant if the actor may read its custody accounts: 404 for another tenant or an application, 403 by role. */
    private MerchantView readable(Actor actor, UUID merchantId) {
        if (actor.role().isMerchantSide()) {
            if (!actor.worksFor(merchantId)) {
                throw Rejection.notFound("merchant");
            }
        } else if (!actor.is(Role.BANK, Role.OPERATOR)) {
            throw forbidden();
        }
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (!IN_CUSTODY.contains(merchant.status()) || !atBankOf(banks.scopeOf(actor), merchantId)) {
            throw Rejection.notFound("merchant");
        }
        return merchant;
    }

    /** True unless the caller is limited to one bank and the merchant is at another (another bank's object: 404). */
    private boolean atBankOf(Optional<String> scope, UUID merchantId) {
        return scope.isEmpty() || scope.get().equals(banks.bankOfMerchant(merchantId));
    }

    /** 403 unless the custodian bank or an operator. */
    public static void requireBankOrOperator(Actor actor) {
        if (!actor.is(Role.BANK, Role.OPERATOR)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "only the custodian bank and operators use the bank portal");
    }

    private ZoneId zone() {
        return reconciliations.bankZone();
    }
}
