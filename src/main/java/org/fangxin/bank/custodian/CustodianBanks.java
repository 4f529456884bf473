package org.fangxin.bank.custodian;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custodian banks a city supervises escrow with. Each merchant's sub-accounts are at one bank (the DEFAULT bank at
 * approval); an operator moves them to another bank under dual control (a second operator decides), and only while the
 * merchant holds no money in custody — escrow, risk deposit and in-transit all zero — so money never has to be split
 * or carried between banks and each bank's statements always cover all of its merchants' ledger escrow. BANK users
 * belong to one bank (DEFAULT unless an operator made them a member of another) and see only its merchants.
 */
@Service
@Transactional
public class CustodianBanks {

    public static final String DEFAULT = "DEFAULT";
    public static final ProblemType BANK_EXISTS = new ProblemType("custodian-bank-exists", 409);
    public static final ProblemType MONEY_HELD = new ProblemType("custodian-bank-move-money-held", 409);
    public static final ProblemType MOVE_PENDING = new ProblemType("custodian-bank-move-pending", 409);
    public static final ProblemType MOVE_DECIDED = new ProblemType("custodian-bank-move-decided", 409);
    /** The accounts whose money ties a merchant to its bank: escrow, risk deposit, in transit to its settlement account. */
    private static final List<AccountType> HELD = List.of(AccountType.ESCROW, AccountType.RISK_DEPOSIT_HELD,
            AccountType.MERCHANT_SETTLEMENT);
    public static final ProblemType DECIDER_IS_PROPOSER = new ProblemType("custodian-bank-move-decider-is-proposer", 403);

    private final CustodianBankRepository repository;
    private final Ledger ledger;
    private final Users users;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    CustodianBanks(CustodianBankRepository repository, Ledger ledger, Users users, AuditTrail audit, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.users = users;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ banks and members

    /** OPERATOR and REGULATOR: every bank; BANK: its own. */
    @Transactional(readOnly = true)
    public List<CustodianBankView> list(Actor actor) {
        if (actor.is(Role.BANK)) {
            return repository.bank(bankOfMember(actor)).stream().toList();
        }
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        return repository.banks();
    }

    /** Every registered bank (module-internal: jobs). */
    @Transactional(readOnly = true)
    public List<CustodianBankView> all() {
        return repository.banks();
    }

    /** OPERATOR: registers a bank (code 2..12 of A-Z0-9, names 1..100, custody account 4..34 of A-Z0-9-). */
    public CustodianBankView register(Actor actor, String code, String nameZh, String nameEn, String custodyAccount) {
        requireOperator(actor);
        require(code != null && code.matches("[A-Z0-9]{2,12}"), "code", "code must be 2 to 12 of A-Z and 0-9");
        require(nameZh != null && !nameZh.isBlank() && nameZh.length() <= 100, "nameZh", "nameZh must be 1 to 100 characters");
        require(nameEn != null && !nameEn.isBlank() && nameEn.length() <= 100, "nameEn", "nameEn must be 1 to 100 characters");
        require(custodyAccount != null && custodyAccount.matches("[A-Z0-9-]{4,34}"), "custodyAccount",
                "custodyAccount must be 4 to 34 of A-Z, 0-9 and -");
        var bank = new CustodianBankView(code, nameZh.strip(), nameEn.strip(), custodyAccount);
        if (!repository.insertBank(bank, clock.instant())) {
            throw new Rejection(BANK_EXISTS, "a bank with code " + code + " or custody account " + custodyAccount + " exists");
        }
        audit.record("bank.custodian-bank.registered", "bank.custodian_bank", code, null, bank);
        return bank;
    }

    /** OPERATOR: makes a BANK user (or an API key's user) a member of a bank; 404 for an unknown bank or non-BANK user. */
    public void addMember(Actor actor, String code, UUID userId) {
        requireOperator(actor);
        CustodianBankView bank = existing(code);
        boolean bankUser = userId != null && users.find(userId).map(u -> u.role() == Role.BANK).orElse(false);
        if (!bankUser) {
            throw Rejection.notFound("bank user");
        }
        Optional<String> before = repository.bankOfMember(userId);
        repository.upsertMember(userId, bank.code(), actor.userId(), clock.instant());
        audit.record("bank.custodian-bank.member-added", "bank.custodian_bank_member", userId,
                before.map(b -> Map.of("bank", b)).orElse(null), Map.of("bank", bank.code()));
    }

    /** The bank a BANK user belongs to (DEFAULT without a membership). */
    @Transactional(readOnly = true)
    public String bankOfMember(Actor actor) {
        return repository.bankOfMember(actor.userId()).orElse(DEFAULT);
    }

    /** The bank a BANK caller is limited to; empty for the other roles (operators see all banks). */
    @Transactional(readOnly = true)
    public Optional<String> scopeOf(Actor actor) {
        return actor.is(Role.BANK) ? Optional.of(bankOfMember(actor)) : Optional.empty();
    }

    /** The merchant's bank (DEFAULT for a merchant not numbered yet). */
    @Transactional(readOnly = true)
    public String bankOfMerchant(UUID merchantId) {
        return repository.bankOfMerchant(merchantId).orElse(DEFAULT);
    }

    /** The bank of an escrow or deposit sub-account number; empty for an unknown account. */
    @Transactional(readOnly = true)
    public Optional<String> bankOfAccount(String accountNumber) {
        return repository.bankOfAccount(accountNumber);
    }

    /** The bank, 404 when unknown. */
    @Transactional(readOnly = true)
    public CustodianBankView existing(String code) {
        return (code == null ? Optional.<CustodianBankView>empty() : repository.bank(code))
                .orElseThrow(() -> Rejection.notFound("custodian bank"));
    }

    // ------------------------------------------------------------------ moving a merchant between banks

    /** OPERATOR: proposes moving the merchant's sub-accounts to another bank; refused while it holds money. */
    public BankMoveView proposeMove(Actor actor, UUID merchantId, String toBank) {
        requireOperator(actor);
        String from = repository.lockBankOfMerchant(merchantId).orElseThrow(() -> Rejection.notFound("sub-account of merchant"));
        String to = existing(toBank).code();
        if (to.equals(from)) {
            throw Rejection.invalid("toBank", "the merchant is already at bank " + to);
        }
        requireNoMoneyHeld(merchantId);
        var move = new BankMoveView(ids.next(), merchantId, from, to, "PROPOSED", actor.userId(), clock.instant(), null, null);
        if (!repository.insertMove(move)) {
            throw new Rejection(MOVE_PENDING, "another move of merchant " + merchantId + " awaits a decision");
        }
        audit.record("bank.custodian-bank.move-proposed", "bank.custodian_bank_move", move.id(), null, move);
        return move;
    }

    /**
     * A second OPERATOR applies or rejects a proposed move. Applying re-checks, under the lock of the merchant's
     * sub-account row, that the merchant's bank is still the one proposed from and that it holds no money.
     */
    public BankMoveView decideMove(Actor actor, UUID moveId, boolean apply) {
        requireOperator(actor);
        BankMoveView move = repository.lockMove(moveId).orElseThrow(() -> Rejection.notFound("custodian bank move"));
        if (!move.state().equals("PROPOSED")) {
            throw new Rejection(MOVE_DECIDED, "move " + moveId + " is " + move.state());
        }
        if (move.proposedBy().equals(actor.userId())) {
            throw new Rejection(DECIDER_IS_PROPOSER, "you proposed move " + moveId + "; another operator must decide it");
        }
        if (apply) {
            String current = repository.lockBankOfMerchant(move.merchantId()).orElseThrow();
            if (!current.equals(move.fromBank())) {
                throw new Rejection(MOVE_DECIDED, "the merchant is no longer at bank " + move.fromBank());
            }
            requireNoMoneyHeld(move.merchantId());
            repository.setBankOfMerchant(move.merchantId(), move.toBank());
        }
        repository.decideMove(moveId, apply ? "APPLIED" : "REJECTED", actor.userId(), clock.instant());
        BankMoveView after = repository.move(moveId).orElseThrow();
        audit.record(apply ? "bank.custodian-bank.move-applied" : "bank.custodian-bank.move-rejected",
                "bank.custodian_bank_move", moveId, move, after);
        return after;
    }

    /** OPERATOR: the moves awaiting a second operator's decision, oldest first (at most 200). */
    @Transactional(readOnly = true)
    public List<BankMoveView> openMoves(Actor actor) {
        requireOperator(actor);
        return repository.openMoves(200);
    }

    /** The bank a BANK user belongs to (DEFAULT without a membership). */
    @Transactional(readOnly = true)
    public String bankOfUser(UUID userId) {
        return repository.bankOfMember(userId).orElse(DEFAULT);
    }

    @Transactional(readOnly = true)
    public List<BankMoveView> moves(Actor actor, UUID merchantId) {
        requireOperator(actor);
        return repository.moves(merchantId);
    }

    /**
     * Refused while the merchant holds money in custody. The balance rows are locked (and read under the lock) so a
     * purchase, deposit or payout posting to them concurrently waits for this transaction: money cannot arrive between
     * the check and the move (the purchase path does not take the sub-account lock; the ledger's row lock suffices).
     */
    private void requireNoMoneyHeld(UUID merchantId) {
        Map<AccountType, AccountId> accounts = new java.util.EnumMap<>(AccountType.class);
        for (AccountType type : HELD) {
            ledger.findAccount(type, merchantId, Money.CNY).ifPresent(a -> accounts.put(type, a.id()));
        }
        Map<AccountId, Money> balances = ledger.lockBalances(accounts.values());
        for (AccountType type : HELD) {
            Money held = Optional.ofNullable(accounts.get(type)).map(balances::get).orElse(Money.zero(Money.CNY));
            if (!held.isZero()) {
                throw new Rejection(MONEY_HELD, "merchant " + merchantId + " holds money in custody (" + type + "); its bank can be "
                        + "changed only while escrow, risk deposit and in-transit are all zero", Map.of("account", type.name()));
            }
        }
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw forbidden();
        }
    }

    private static void require(boolean ok, String field, String detail) {
        if (!ok) {
            throw Rejection.invalid(field, detail);
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "only operators manage custodian banks");
    }
}
