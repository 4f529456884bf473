package org.fangxin.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fangxin.bank.BankAnswer;
import org.fangxin.bank.BankExchange;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.settlement.domain.Payout;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settlement's side of the bank: instructions go out in pain.001 files after their payouts committed (resubmitted,
 * idempotently by end-to-end id, until the bank has them), and the bank's answers come back: booked posts
 * {@code payout-confirmed:<id>} (Dr MERCHANT_SETTLEMENT / Cr ESCROW), a rejection or return reverses the payout under
 * {@code payout-returned:<id>} (money back to payable) and publishes {@link PayoutReturned}
 * (the owners are asked for a corrected account after commit, {@link SettlementNotices}).
 */
@Component
class PayoutExchange {

    private static final Logger log = LoggerFactory.getLogger(PayoutExchange.class);

    private final SettlementRepository repository;
    private final Ledger ledger;
    private final BankExchange exchange;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final ZoneId platformZone;
    private final Currency currency = Money.CNY;
    private final Set<UUID> reportedStuck = ConcurrentHashMap.newKeySet();

    PayoutExchange(SettlementRepository repository, Ledger ledger, BankExchange exchange,
                   ApplicationEventPublisher events, AuditTrail audit, Clock clock,
                   PlatformTransactionManager transactions,
                   @Value("${fangxin.settlement.zone:Asia/Shanghai}") String platformZone) {
        this.repository = repository;
        this.ledger = ledger;
        this.exchange = exchange;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        // Each answer is booked in a transaction of its own: one that cannot be booked must not undo the others.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.platformZone = ZoneId.of(platformZone);
    }

    /**
     * The job: sends the instructions the banks have not acknowledged (pain.001 files, each to the custodian bank
     * holding the merchant's sub-account), collects the status of those they have, then applies the banks' documents (pain.002 status reports, camt.053 statements, in the bank's order) and
     * hands each statement on to reconciliation after its confirmations are booked.
     */
    int exchangeWithBank() {
        sendUnsubmitted();
        int applied = 0;
        for (PayoutView payout : repository.instructed(true, Settlements.BANK_BATCH_MAX)) {
            Optional<InstructionStatus> status = exchange.status(payout.endToEndId());
            if (status.isEmpty()) {
                log.warn("bank does not know payout {} ({}); it will be submitted again", payout.id(), payout.endToEndId());
                ownTransaction.executeWithoutResult(s -> repository.markUnsubmitted(payout.id()));
            } else if (status.get().state().isFinal()) {
                try {
                    ownTransaction.executeWithoutResult(s -> apply(payout.id(), status.get()));
                    reportedStuck.remove(payout.id());
                    applied++;
                } catch (RuntimeException e) {
                    // One payout whose answer cannot be booked (e.g. its escrow is short) must not stop the others;
                    // it stays INSTRUCTED, is retried on the next exchange and shows on the operator's page.
                    stuck(payout.id(), "applying the bank's answer to payout {} failed; left for the operator: {}", e);
                }
            }
        }
        return applied + applyBankDocuments();
    }

    /** Sends every unsubmitted instruction in one file (idempotent: a filed instruction goes again in its own file). */
    void sendUnsubmitted() {
        List<PayoutView> unsubmitted = repository.instructed(false, Settlements.BANK_BATCH_MAX);
        if (unsubmitted.isEmpty()) {
            return;
        }
        var byEndToEndId = new java.util.HashMap<String, PayoutView>();
        var instructions = new java.util.ArrayList<PayoutInstruction>();
        try {
            for (PayoutView payout : unsubmitted) {
                byEndToEndId.put(payout.endToEndId(), payout);
                instructions.add(new PayoutInstruction(payout.endToEndId(), exchange.subAccountOf(payout.merchantId()),
                        payout.creditorName(), payout.creditorBank(), payout.creditorAccount(), payout.amount(),
                        "Fangxin settlement " + payout.settlementDate()));
            }
            for (FileReceipt receipt : exchange.sendPayouts(instructions, LocalDate.ofInstant(clock.instant(), platformZone))) {
                for (String endToEndId : exchange.endToEndIdsOf(receipt.messageId())) {
                    PayoutView payout = byEndToEndId.get(endToEndId);
                    if (payout != null) {
                        ownTransaction.executeWithoutResult(s -> repository.markSubmitted(payout.id(), clock.instant()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // The payouts and their postings stand; the next exchange sends again (idempotent by file and end-to-end id).
            log.warn("sending {} payout(s) to the bank failed, will retry: {}", unsubmitted.size(), e.toString());
        }
    }

    /**
     * Applies what the bank's documents say about payouts: booked → confirmed, rejected or returned → returned. The same
     * fact in a pain.002 and a camt.053 is applied once ({@link #apply} is idempotent); then the document is completed
     * (fees booked, statement reconciled).
     */
    private int applyBankDocuments() {
        int applied = 0;
        try {
            exchange.fetchDocuments();
        } catch (RuntimeException e) {
            log.warn("fetching the bank's documents failed, will retry: {}", e.toString());
            return 0;
        }
        // One page per exchange: a document another instance is completing stays listed until it is done.
        for (BankExchange.InboundDocument document : exchange.unprocessedDocuments(BankExchange.FETCH_BATCH)) {
            for (BankAnswer answer : exchange.answersIn(document)) {
                if (answer.outcome() == BankAnswer.Outcome.ACCEPTED) {
                    continue;
                }
                Optional<PayoutView> payout = repository.payoutByEndToEndId(answer.endToEndId());
                if (payout.isEmpty() || payout.get().status() != PayoutStatus.INSTRUCTED) {
                    continue;
                }
                Instant now = clock.instant();
                InstructionStatus status = new InstructionStatus(answer.endToEndId(),
                        answer.outcome() == BankAnswer.Outcome.BOOKED ? InstructionState.CONFIRMED : InstructionState.RETURNED,
                        payout.get().amount(), answer.reasonCode() == null && answer.outcome().isFailure() ? "NARR" : answer.reasonCode(),
                        answer.reasonText(), now, now);
                try {
                    ownTransaction.executeWithoutResult(s -> apply(payout.get().id(), status));
                    reportedStuck.remove(payout.get().id());
                    applied++;
                } catch (RuntimeException e) {
                    stuck(payout.get().id(), "applying the bank's " + answer.outcome() + " from " + document.name()
                            + " to payout {} failed; left for the operator: {}", e);
                }
            }
            exchange.complete(document);
        }
        return applied;
    }

    /**
     * Logs a payout whose answer cannot be booked: an error the first time this instance meets it, then at debug level,
     * since the exchange retries it every round until the operator acts and an error per round buries other errors.
     */
    private void stuck(UUID payoutId, String message, RuntimeException e) {
        if (reportedStuck.add(payoutId)) {
            log.error(message, payoutId, e.toString());
        } else {
            log.debug(message, payoutId, e.toString());
        }
    }

    /** Applies a final bank answer to a payout (idempotent: an answer already applied changes nothing). */
    private void apply(UUID payoutId, InstructionStatus answer) {
        PayoutView row = repository.lockPayout(payoutId).orElseThrow();
        Payout payout = new Payout(row.id(), row.status(), row.amount(), row.confirmedAt(), row.returnedAt(),
                row.returnCode(), row.returnReason());
        PayoutStatus outcome = answer.state() == InstructionState.CONFIRMED ? PayoutStatus.CONFIRMED : PayoutStatus.RETURNED;
        if (!payout.needs(outcome)) {
            return;
        }
        if (outcome == PayoutStatus.CONFIRMED) {
            AccountView settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, row.merchantId(), currency);
            AccountView escrow = ledger.open(AccountType.ESCROW, row.merchantId(), currency);
            TransferView posted = ledger.post(NewTransfer.of("payout-confirmed:" + payoutId,
                    "bank confirmed payout " + row.endToEndId(),
                    EntryLine.debit(settlement.id(), row.amount()), EntryLine.credit(escrow.id(), row.amount())));
            payout.confirm(posted.postedAt());
            repository.markConfirmed(payoutId, posted.postedAt());
        } else {
            TransferView original = ledger.findTransfer("payout:" + payoutId).orElseThrow();
            TransferView reversal = ledger.reverse(original.id(), "payout-returned:" + payoutId,
                    "bank returned payout " + row.endToEndId() + " (" + answer.reasonCode() + ")");
            payout.returned(answer.reasonCode(), answer.reasonText(), reversal.postedAt());
            repository.markReturned(payoutId, answer.reasonCode(), answer.reasonText(), reversal.postedAt());
            events.publishEvent(new PayoutReturned(payoutId, row.merchantId(), row.amount(), row.settlementDate(),
                    answer.reasonCode(), answer.reasonText(), reversal.postedAt())); // owners asked to correct the account
        }
        audit.record("settlement.payout." + outcome.name().toLowerCase(), "settlement.payout", payoutId, row,
                repository.payout(payoutId).orElseThrow());
    }
}
