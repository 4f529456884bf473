package org.fangxin.payment.lifecycle;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.domain.CallbackSignature;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.payment.persistence.PaymentRepository.CallbackEntry;
import org.fangxin.payment.persistence.PaymentRepository.LockedOrder;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the provider's payment notifications. Checks, in order: well-formed, signature (HMAC, constant-time),
 * timestamp within the window, known order of this provider, same provider order id, same amount and currency. Only
 * then does the reported fact move the order (a nonce already processed is answered 200 without effect) (under its lock; a repeat has no effect). Every callback, whatever its
 * verdict, is written to {@code payment.callback_log} in the same transaction; rejected ones change nothing else.
 */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Component
public class CallbackIntake {

    /** The outcome of one callback and the HTTP status the provider gets. */
    public enum Verdict {
        ACCEPTED(200), DUPLICATE(200), PAID_AFTER_EXPIRY(200), CLOSED(200), IGNORED(200), REPLAYED(200),
        MALFORMED(400), UNKNOWN_ORDER(400), MISMATCH(400), BAD_SIGNATURE(401), STALE(401);

        private final int status;

        Verdict(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean rejected() {
            return status >= 400;
        }
    }

    public record Outcome(Verdict verdict, String detail) { }

    static final int PAYLOAD_LENGTH_MAX = 4_000;
    static final int FIELD_COUNT_MAX = 30;
    private static final List<String> REQUIRED = List.of("providerOrderId", "merchantOrderNo", "tradeStatus",
            "amountMinor", "currency", CallbackSignature.TIMESTAMP_FIELD, CallbackSignature.NONCE_FIELD,
            CallbackSignature.SIGNATURE_FIELD);
    private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);

    private final PaymentRepository repository;
    private final OrderTransitions transitions;
    private final IdGenerator ids;
    private final Clock clock;
    private final CallbackSignature signature;
    private final Duration window;
    private final DeferredStatements deferred;
    private final JsonMapper json = JsonMapper.builder().build();

    CallbackIntake(PaymentRepository repository, OrderTransitions transitions, IdGenerator ids, Clock clock,
                   @Value("${fangxin.payment.sandbox.secret:}") String secret,
                   @Value("${fangxin.payment.callback.timestamp-window:PT5M}") Duration window,
                   DeferredStatements deferred) {
        this.deferred = deferred;
        this.repository = repository;
        this.transitions = transitions;
        this.ids = ids;
        this.clock = clock;
        this.signature = new CallbackSignature(secret);
        this.window = window;
    }

    @Transactional
    public Outcome receive(String provider, String body, String remoteAddress) {
        // the writes that answer nothing (audit entries, the callback's log line) go together at the end (issue 15)
        return deferred.sendTogether(() -> judgeAndLog(provider, body, remoteAddress));
    }

    private Outcome judgeAndLog(String provider, String body, String remoteAddress) {
        Instant now = clock.instant();
        Map<String, String> fields = parse(body);
        Outcome outcome = judge(provider, fields, now);
        UUID orderId = orderIdOf(fields).orElse(null);
        repository.logCallback(new CallbackEntry(ids.next(), now, provider,
                outcome.verdict() == Verdict.UNKNOWN_ORDER ? null : orderId,
                fields == null ? null : truncate(fields.get("providerOrderId"), 100),
                fields == null ? null : truncate(fields.get(CallbackSignature.NONCE_FIELD), 100),
                outcome.verdict().name(), truncate(outcome.detail(), 500), truncate(body == null ? "" : body, PAYLOAD_LENGTH_MAX),
                remoteAddress));
        if (outcome.verdict().rejected()) {
            log.warn("payment callback rejected: provider={} verdict={} detail={} from={}", provider,
                    outcome.verdict(), outcome.detail(), remoteAddress);
        }
        return outcome;
    }

    private Outcome judge(String provider, Map<String, String> fields, Instant now) {
        if (fields == null) {
            return new Outcome(Verdict.MALFORMED, "not a flat JSON object");
        }
        for (String name : REQUIRED) {
            if (fields.get(name) == null || fields.get(name).isBlank()) {
                return new Outcome(Verdict.MALFORMED, "missing " + name);
            }
        }
        if (!signature.matches(fields, fields.get(CallbackSignature.SIGNATURE_FIELD))) {
            return new Outcome(Verdict.BAD_SIGNATURE, "signature does not match the fields");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(fields.get(CallbackSignature.TIMESTAMP_FIELD)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return new Outcome(Verdict.MALFORMED, "timestamp is not epoch seconds");
        }
        if (!CallbackSignature.fresh(signedAt, now, window)) {
            return new Outcome(Verdict.STALE, "timestamp " + signedAt + " outside " + window + " of " + now);
        }
        // the order locked and its nonce checked in one round trip; without an order, the nonce is asked alone
        String nonce = fields.get(CallbackSignature.NONCE_FIELD);
        Optional<LockedOrder> locked = orderIdOf(fields).flatMap(id -> repository.lockOrderCheckingNonce(id, provider, nonce));
        if (locked.map(LockedOrder::nonceProcessed).orElseGet(() -> repository.nonceProcessed(provider, nonce))) {
            // the very same message again (a resend after a lost answer, or a replay): it was handled once
            return new Outcome(Verdict.REPLAYED, "nonce already processed");
        }
        if (locked.isEmpty() || !locked.get().order().provider().equals(provider)) {
            return new Outcome(Verdict.UNKNOWN_ORDER, "no such payment order of provider " + provider);
        }
        return apply(locked.get().order(), fields);
    }

    private Outcome apply(PaymentOrderView order, Map<String, String> fields) {
        String providerOrderId = fields.get("providerOrderId");
        if (order.providerOrderId() != null && !order.providerOrderId().equals(providerOrderId)) {
            return new Outcome(Verdict.MISMATCH, "provider order id differs");
        }
        if (!Long.toString(order.amount().amountMinor()).equals(fields.get("amountMinor"))
                || !order.amount().currency().getCurrencyCode().equals(fields.get("currency"))) {
            return new Outcome(Verdict.MISMATCH, "amount differs from the order's " + order.amount());
        }
        if (order.providerOrderId() == null) {
            // the provider's answer to our create call was lost, but its signed word names the order
            repository.attachProviderOrder(order.id(), providerOrderId, null);
        }
        return switch (fields.get("tradeStatus")) {
            case "PAID" -> {
                // the order was locked by judge() in this transaction: not locked (read) again
                OrderTransitions.Effect effect = transitions.providerPaid(order, paidAt(fields));
                if (!effect.changed()) {
                    yield new Outcome(Verdict.DUPLICATE, "already " + effect.status());
                }
                yield new Outcome(effect.status() == org.fangxin.payment.PaymentStatus.PAID ? Verdict.ACCEPTED
                        : Verdict.PAID_AFTER_EXPIRY, "now " + effect.status());
            }
            case "CLOSED" -> {
                OrderTransitions.Effect effect = transitions.providerClosed(order);
                yield new Outcome(effect.changed() ? Verdict.CLOSED : Verdict.IGNORED, "now " + effect.status());
            }
            case "WAITING" -> new Outcome(Verdict.IGNORED, "not paid yet");
            default -> new Outcome(Verdict.MALFORMED, "unknown trade status");
        };
    }

    private static Instant paidAt(Map<String, String> fields) {
        String value = fields.get("paidAt");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Map<String, String> parse(String body) {
        if (body == null || body.isBlank() || body.length() > PAYLOAD_LENGTH_MAX) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject() || node.size() > FIELD_COUNT_MAX) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isValueNode()) {
                    return null;
                }
                fields.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asString());
            }
            return fields;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Optional<UUID> orderIdOf(Map<String, String> fields) {
        if (fields == null || fields.get("merchantOrderNo") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(fields.get("merchantOrderNo")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
