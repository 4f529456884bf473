package org.fangxin.ledger.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.Side;
import org.fangxin.ledger.TransferId;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for operators (read and adjust) and regulators (read only). Manual postings and reversals need an
 * Idempotency-Key; the posting key is derived from it, so a retried request can never post twice.
 */
@RestController
class LedgerApiController {

    static final int IDEMPOTENCY_KEY_IN_POSTING_KEY_MAX = 120;

    private final Ledger ledger;
    private final Idempotency idempotency;
    private final AuditTrail audit;
    private final Validator validator;
    private final LedgerAccess access;

    LedgerApiController(Ledger ledger, Idempotency idempotency, AuditTrail audit, Validator validator, LedgerAccess access) {
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.audit = audit;
        this.validator = validator;
        this.access = access;
    }

    record MoneyRequest(@NotNull @Positive Long amountMinor, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) { }

    record LineRequest(@NotNull UUID accountId, @NotNull Side side, @NotNull @Valid MoneyRequest amount) { }

    record PostTransferRequest(@NotBlank @Size(max = 400) String description,
                               @NotNull @Size(min = 2, max = 32) List<@NotNull @Valid LineRequest> entries) { }

    record ReversalRequest(@NotBlank @Size(max = 300) String reason) { }

    @GetMapping("/api/v1/ledger/accounts")
    LedgerJson.Page<LedgerJson.Account> accounts(Actor actor, @RequestParam(required = false) AccountType type,
                                     @RequestParam(required = false) UUID ownerId,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        LedgerAccess.requireReader(actor);
        access.requireOwnerGivenWhenScoped(actor, ownerId);
        var accounts = ledger.accounts(type, ownerId, page, size);
        accounts.items().forEach(account -> access.requireVisible(actor, account));
        return LedgerJson.Page.of(accounts, LedgerJson.Account::of);
    }

    @GetMapping("/api/v1/ledger/accounts/{id}")
    LedgerJson.Account account(Actor actor, @PathVariable UUID id) {
        LedgerAccess.requireReader(actor);
        return LedgerJson.Account.of(access.requireVisible(actor, ledger.account(new AccountId(id))));
    }

    @GetMapping("/api/v1/ledger/accounts/{id}/entries")
    LedgerJson.Page<LedgerJson.Entry> entries(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        LedgerAccess.requireReader(actor);
        access.requireVisible(actor, ledger.account(new AccountId(id)));
        return LedgerJson.Page.of(ledger.entries(new AccountId(id), page, size), LedgerJson.Entry::of);
    }

    @GetMapping("/api/v1/ledger/transfers/{id}")
    LedgerJson.Transfer transfer(Actor actor, @PathVariable UUID id) {
        LedgerAccess.requireReader(actor);
        return LedgerJson.Transfer.of(access.requireVisible(actor, ledger.transfer(new TransferId(id))));
    }

    @GetMapping("/api/v1/ledger/invariants")
    LedgerJson.Invariants invariants(Actor actor) {
        LedgerAccess.requireReader(actor);
        return LedgerJson.Invariants.of(ledger.checkInvariants());
    }

    /** Posts a manual adjusting transfer (e.g. a correction agreed with the bank); audited. */
    @PostMapping("/api/v1/ledger/transfers")
    ResponseEntity<Object> post(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                @RequestBody PostTransferRequest request) {
        LedgerAccess.requireOperator(actor);
        validate(request);
        List<EntryLine> lines = new ArrayList<>();
        for (LineRequest line : request.entries()) {
            Money amount = new Money(line.amount().amountMinor(), currency(line.amount().currency()));
            AccountId account = new AccountId(line.accountId());
            lines.add(line.side() == Side.DEBIT ? EntryLine.debit(account, amount) : EntryLine.credit(account, amount));
        }
        var answer = idempotency.execute(actor.scope(), key, true, request, () -> {
            TransferView posted = ledger.post(new NewTransfer(postingKey("manual", actor, key), request.description(), lines));
            audit.record("ledger.transfer.posted", "ledger.transfer", posted.id(), null, LedgerJson.Transfer.of(posted));
            return Idempotency.Answer.of(201, LedgerJson.Transfer.of(posted));
        });
        return respond(answer);
    }

    /** Reverses a posted transfer with its mirror entries; a transfer is reversed at most once. */
    @PostMapping("/api/v1/ledger/transfers/{id}/reversal")
    ResponseEntity<Object> reverse(Actor actor, @PathVariable UUID id,
                                   @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @RequestBody ReversalRequest request) {
        LedgerAccess.requireOperator(actor);
        validate(request);
        var answer = idempotency.execute(actor.scope(), key, true, Map.of("transferId", id, "reason", request.reason()), () -> {
            TransferView reversal = ledger.reverse(new TransferId(id), postingKey("manual-reversal", actor, key), request.reason());
            audit.record("ledger.transfer.reversed", "ledger.transfer", id, null, LedgerJson.Transfer.of(reversal));
            return Idempotency.Answer.of(201, LedgerJson.Transfer.of(reversal));
        });
        return respond(answer);
    }

    /** Validates after the role check, so a caller without the role learns nothing about the body rules. */
    private void validate(Object request) {
        if (request == null) {
            throw Rejection.invalid("body", "a JSON body is required");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<Object> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw Rejection.invalid(first.getPropertyPath().toString(), first.getPropertyPath() + ": " + first.getMessage());
        }
    }

    private static Currency currency(String code) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException(code);
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("currency", "'" + code + "' is not an ISO 4217 currency with a minor unit");
        }
    }

    /** The posting key of a manual command: the caller's key when short enough, otherwise its SHA-256. */
    private static String postingKey(String kind, Actor actor, String idempotencyKey) {
        if (idempotencyKey == null) {
            throw new Rejection(ProblemType.INVALID_INPUT, "missing Idempotency-Key");
        }
        String part = idempotencyKey.length() <= IDEMPOTENCY_KEY_IN_POSTING_KEY_MAX ? idempotencyKey
                : "sha256-" + sha256(idempotencyKey);
        return kind + ":" + actor.userId() + ":" + part;
    }

    private static String sha256(String text) {
        return org.fangxin.shared.Sha256.hex(text);
    }

    private static ResponseEntity<Object> respond(Idempotency.Answer answer) {
        return answer.toResponse();
    }
}
