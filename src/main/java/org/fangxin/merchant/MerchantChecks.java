package org.fangxin.merchant;

import static org.fangxin.merchant.Merchants.CREDIT_CODE_TAKEN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/** The checks and audit shapes every merchant use case shares: who may act, reasons, field problems. */
final class MerchantChecks {

    private MerchantChecks() {
    }

    static void requireOwner(Actor actor, UUID merchantId) {
        if (actor.role() == Role.MERCHANT_OWNER && actor.worksFor(merchantId)) {
            return;
        }
        if (actor.role().isMerchantSide() && !actor.worksFor(merchantId)) {
            throw Rejection.notFound("merchant");
        }
        throw forbidden();
    }

    static void forbidConsumers(Actor actor) {
        if (actor.is(Role.CONSUMER, Role.DATA_PROVIDER)) {
            throw forbidden();
        }
    }

    static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "your role may not do this");
    }

    static Rejection invalid(List<FieldProblem> problems) {
        List<Map<String, Object>> errors = problems.stream()
                .map(problem -> Map.<String, Object>of("field", problem.field(), "messageKey", problem.messageKey(),
                        "message", problem.message()))
                .toList();
        String detail = problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid");
        return new Rejection(ProblemType.INVALID_INPUT, detail, Map.of("field", problems.get(0).field(), "errors", errors));
    }

    static Rejection creditCodeTaken(String creditCode) {
        return new Rejection(CREDIT_CODE_TAKEN, "credit code " + creditCode + " is already registered",
                Map.of("field", "creditCode"));
    }

    static String requiredReason(String reason) {
        String why = optionalReason(reason);
        if (why == null) {
            throw Rejection.invalid("reason", "give a reason");
        }
        return why;
    }

    static String optionalReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String why = reason.strip();
        if (why.length() > StatusTransition.REASON_LENGTH_MAX) {
            throw Rejection.invalid("reason", "reason must be at most " + StatusTransition.REASON_LENGTH_MAX + " characters");
        }
        return why;
    }

    static Map<String, Object> auditState(MerchantView merchant, String reason) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", merchant.status().name());
        state.put("flags", merchant.flags());
        state.put("legalName", merchant.legalName());
        state.put("creditCode", merchant.creditCode());
        state.put("business", merchant.business());
        if (reason != null) {
            state.put("reason", reason);
        }
        return state;
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, MerchantRepository.ZONE);
    }
}
