package org.fangxin.integration.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardValueReleased;
import org.fangxin.card.RedemptionReversed;
import org.fangxin.compensation.CompensationCompleted;
import org.fangxin.complaint.ComplaintEscalated;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.MediationFailed;
import org.fangxin.insurance.ClaimDecided;
import org.fangxin.insurance.ClaimPaid;
import org.fangxin.integration.IntegrationTopics;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.protection.ClosureCleared;
import org.fangxin.protection.ClosureConfirmed;
import org.fangxin.protection.ClosureSuspected;
import org.fangxin.refund.RefundApproved;
import org.fangxin.refund.RefundPaid;
import org.fangxin.risk.MerchantTierChanged;
import org.fangxin.risk.RiskAlertRaised;
import org.fangxin.settlement.PayoutReturned;
import org.fangxin.shared.Money;

/**
 * The published schemas, version 1 (docs/events.md is their reference; a test keeps the two in step). Consumer ids
 * are left out on purpose: banks, insurers and regulators get the facts about money and merchants, and ask for a
 * person's data through the platform when a case needs it (PIPL: minimum necessary).
 */
final class EventSchemas {

    private final List<Schema<?>> schemas = new ArrayList<>();
    private final Map<Class<?>, Schema<?>> byType = new HashMap<>();

    EventSchemas() {
        bank();
        insurer();
        regulator();
    }

    List<Schema<?>> all() {
        return Collections.unmodifiableList(schemas);
    }

    Optional<Schema<?>> of(Class<?> eventType) {
        return Optional.ofNullable(byType.get(eventType));
    }

    private void bank() {
        add(PaymentConfirmed.class, "purchase.paid", IntegrationTopics.BANK, PaymentConfirmed::paymentOrderId,
                PaymentConfirmed::merchantId, PaymentConfirmed::occurredAt, e -> fields(
                        "paymentOrderId", e.paymentOrderId(), "reference", e.reference(), "amount", e.amount()));
        add(CardRedeemed.class, "card.redeemed", IntegrationTopics.BANK, CardRedeemed::redemptionId,
                CardRedeemed::merchantId, CardRedeemed::occurredAt, e -> fields(
                        "redemptionId", e.redemptionId(), "cardId", e.cardId(), "storeId", e.storeId(),
                        "sessions", e.sessions(), "amount", e.amount(), "value", e.value(),
                        "advanceNetted", e.advanceNetted()));
        add(CardValueReleased.class, "card.value-released", IntegrationTopics.BANK, e -> e.cardId() + ":" + e.through(),
                CardValueReleased::merchantId, CardValueReleased::occurredAt, e -> fields(
                        "cardId", e.cardId(), "through", e.through(), "value", e.value(),
                        "advanceNetted", e.advanceNetted()));
        add(RedemptionReversed.class, "redemption.reversed", IntegrationTopics.BANK, RedemptionReversed::redemptionId,
                RedemptionReversed::merchantId, RedemptionReversed::occurredAt, e -> fields(
                        "redemptionId", e.redemptionId(), "cardId", e.cardId(), "value", e.value()));
        add(RefundApproved.class, "refund.approved", IntegrationTopics.BANK, RefundApproved::refundId,
                RefundApproved::merchantId, RefundApproved::occurredAt, e -> fields(
                        "refundId", e.refundId(), "cardId", e.cardId(), "reason", e.reason(), "refund", e.refund(),
                        "retained", e.retained()));
        add(RefundPaid.class, "refund.paid", IntegrationTopics.BANK, RefundPaid::refundId, RefundPaid::merchantId,
                RefundPaid::occurredAt, e -> fields("refundId", e.refundId(), "cardId", e.cardId(), "refund", e.refund()));
        add(PayoutReturned.class, "payout.returned", IntegrationTopics.BANK, PayoutReturned::payoutId,
                PayoutReturned::merchantId, PayoutReturned::occurredAt, e -> fields(
                        "payoutId", e.payoutId(), "amount", e.amount(), "settlementDate", e.settlementDate(),
                        "reasonCode", e.reasonCode()));
    }

    private void insurer() {
        add(ClosureSuspected.class, "closure.suspected", IntegrationTopics.INSURER, ClosureSuspected::caseId,
                ClosureSuspected::merchantId, ClosureSuspected::at,
                e -> fields("caseId", e.caseId(), "source", e.source()));
        add(ClosureConfirmed.class, "closure.confirmed", IntegrationTopics.INSURER, ClosureConfirmed::caseId,
                ClosureConfirmed::merchantId, ClosureConfirmed::at, e -> fields("caseId", e.caseId()));
        add(ClosureCleared.class, "closure.cleared", IntegrationTopics.INSURER, ClosureCleared::caseId,
                ClosureCleared::merchantId, ClosureCleared::at, e -> fields("caseId", e.caseId()));
        add(CompensationCompleted.class, "compensation.completed", IntegrationTopics.INSURER,
                CompensationCompleted::caseId, CompensationCompleted::merchantId, CompensationCompleted::at,
                e -> fields("caseId", e.caseId(), "paid", e.paid(), "fromEscrow", e.fromEscrow(),
                        "fromDeposit", e.fromDeposit(), "fromGuaranteeFund", e.fromGuaranteeFund(),
                        "lines", e.fundedLines().size()));
        add(ClaimDecided.class, "claim.decided", IntegrationTopics.INSURER, ClaimDecided::claimId,
                ClaimDecided::merchantId, ClaimDecided::at, e -> fields("claimId", e.claimId(), "caseId", e.caseId(),
                        "insurerId", e.insurerId(), "outcome", e.outcome(), "approved", e.approved()));
        add(ClaimPaid.class, "claim.paid", IntegrationTopics.INSURER, ClaimPaid::claimId, ClaimPaid::merchantId,
                ClaimPaid::at, e -> fields("claimId", e.claimId(), "caseId", e.caseId(), "insurerId", e.insurerId(),
                        "amount", e.amount()));
        add(MediationFailed.class, "complaint.mediation-failed", IntegrationTopics.INSURER,
                MediationFailed::complaintId, MediationFailed::merchantId, MediationFailed::at, e -> fields(
                        "complaintId", e.complaintId(), "caseNumber", e.caseNumber(), "cardId", e.cardId(),
                        "claimed", e.claimed(), "reason", e.reason(), "failedOn", e.failedOn()));
    }

    private void regulator() {
        add(ComplaintFiled.class, "complaint.filed", IntegrationTopics.REGULATOR, ComplaintFiled::complaintId,
                ComplaintFiled::merchantId, ComplaintFiled::at, e -> fields(
                        "complaintId", e.complaintId(), "caseNumber", e.caseNumber(), "category", e.category(),
                        "subject", e.subject(), "source", e.source(), "regionCode", e.regionCode(),
                        "sector", e.sector()));
        add(ComplaintEscalated.class, "complaint.escalated", IntegrationTopics.REGULATOR,
                e -> e.complaintId() + ":" + e.to(), ComplaintEscalated::merchantId, ComplaintEscalated::at,
                e -> fields("complaintId", e.complaintId(), "caseNumber", e.caseNumber(), "from", e.from(),
                        "to", e.to(), "automatic", e.automatic()));
        add(ComplaintResolved.class, "complaint.resolved", IntegrationTopics.REGULATOR, ComplaintResolved::complaintId,
                ComplaintResolved::merchantId, ComplaintResolved::closedAt, e -> fields(
                        "complaintId", e.complaintId(), "caseNumber", e.caseNumber(), "outcome", e.outcome(),
                        "upheld", e.upheld(), "filedAt", e.filedAt()));
        add(RiskAlertRaised.class, "risk.alert-raised", IntegrationTopics.REGULATOR, RiskAlertRaised::alertId,
                RiskAlertRaised::merchantId, RiskAlertRaised::raisedAt, e -> fields(
                        "alertId", e.alertId(), "kind", e.kind(), "regionCode", e.regionCode(), "sector", e.sector()));
        add(MerchantTierChanged.class, "risk.tier-changed", IntegrationTopics.REGULATOR,
                e -> e.merchantId() + ":" + e.changedAt().toEpochMilli(), MerchantTierChanged::merchantId,
                MerchantTierChanged::changedAt, e -> fields("from", e.from(), "to", e.to(), "scoreCenti",
                        e.scoreCenti()));
    }

    private <T> void add(Class<T> type, String name, String topic, Function<T, Object> factId,
                         Function<T, UUID> merchantId, Function<T, Instant> occurredAt,
                         Function<T, Map<String, Object>> data) {
        Schema<T> schema = new Schema<>(type, name, 1, topic, factId, merchantId, occurredAt, data);
        schemas.add(schema);
        byType.put(type, schema);
    }

    /** Alternating names and values; values in wire form (see {@link org.fangxin.integration.IntegrationEvent}). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], wire(namesAndValues[i + 1]));
        }
        return fields;
    }

    private static Object wire(Object value) {
        if (value instanceof Money money) {
            Map<String, Object> amount = new LinkedHashMap<>();
            amount.put("amountMinor", money.amountMinor());
            amount.put("currency", money.currency().getCurrencyCode());
            return amount;
        }
        if (value instanceof UUID || value instanceof LocalDate || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof Enum<?> code) {
            return code.name();
        }
        return value;
    }
}
