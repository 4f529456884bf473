package org.fangxin.shared.sharding.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which merchant an HTTP request acts for (ADR 12 §7), as an id whose gene (slot, §2) names the merchant's shard.
 * In this order: the merchant of the staff member who calls; the id after a merchant-owned resource in the path
 * ({@code /api/v1/cards/{id}}, {@code /api/v1/merchants/{id}/stores}, {@code /cards/buy/{productId}}…); a
 * merchant-owned id named in a JSON body ({@code productId}, {@code cardId}, {@code merchantId}, the payment
 * callback's order numbers…). A request that names none of them is not routed. Plain Java.
 */
public final class RequestMerchant {

    /** Path segments followed by the id of an object made for one merchant (so carrying its gene). */
    static final Set<String> MERCHANT_RESOURCES = Set.of("merchants", "cards", "purchases", "payments", "products",
            "refunds", "redemptions", "redemption-requests", "closures", "card-transfer-offers", "contracts", "buy",
            "complaints", "subrogation", "approvals", "bank-moves", "claims", "alerts", "filings");

    /** Body fields that hold such an id, most specific first. */
    static final List<String> MERCHANT_FIELDS = List.of("merchantId", "cardId", "productId", "purchaseId",
            "paymentOrderId", "merchantOrderNo", "providerOrderId", "storeId", "caseId", "subjectId");

    /** Query or form parameters that hold such an id: the complaint intake page's subject (ADR 12 §8f). */
    static final List<String> MERCHANT_PARAMETERS = List.of("subjectId");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEX_ID = Pattern.compile("([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?"
            + "([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})$");

    private RequestMerchant() {
    }

    public static Optional<UUID> of(Optional<UUID> callersMerchant, String path, byte[] jsonBody) {
        if (callersMerchant.isPresent()) {
            return callersMerchant;
        }
        Optional<UUID> inPath = inPath(path);
        return inPath.isPresent() ? inPath : inBody(jsonBody);
    }

    static Optional<UUID> inPath(String path) {
        List<String> segments = Arrays.asList(path.split("/"));
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (MERCHANT_RESOURCES.contains(segments.get(i).toLowerCase(Locale.ROOT))) {
                Optional<UUID> id = id(segments.get(i + 1));
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<UUID> inBody(byte[] jsonBody) {
        if (jsonBody == null || jsonBody.length == 0) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = JSON.readTree(jsonBody);
        } catch (RuntimeException notJson) {
            return Optional.empty(); // the controller answers the bad body with its own problem
        }
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        for (String field : MERCHANT_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && value.isString()) {
                Optional<UUID> id = id(value.asString());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    /** A merchant-owned id in a query or form parameter ({@link #MERCHANT_PARAMETERS}), for pages that name no id in the path. */
    public static Optional<UUID> inParameters(java.util.function.Function<String, String> parameter) {
        for (String name : MERCHANT_PARAMETERS) {
            String value = parameter.apply(name);
            Optional<UUID> id = value == null ? Optional.empty() : id(value);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** A UUID, with or without dashes, possibly after a provider's prefix ({@code SB0193…}). */
    static Optional<UUID> id(String text) {
        Matcher hex = HEX_ID.matcher(text.trim());
        if (!hex.find()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(String.join("-", hex.group(1), hex.group(2), hex.group(3), hex.group(4),
                hex.group(5))));
    }
}
