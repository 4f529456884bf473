package org.fangxin.shared.sharding.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which merchant's id a request names: the caller's merchant, then a merchant-owned id in the path, then in the body. */
class ShardedRequestMerchantTests {

    static final UUID CARD = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0123456789ab");
    static final UUID PRODUCT = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-00000000030f");
    static final UUID STAFFS_MERCHANT = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-000000000001");

    @Test
    void theIdAfterAMerchantOwnedResourceInThePathRoutes() {
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/cards/" + CARD + "/redemption-codes", null)).contains(CARD);
        assertThat(RequestMerchant.of(Optional.empty(), "/cards/buy/" + PRODUCT, null)).contains(PRODUCT);
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/bank/merchants/" + CARD + "/balance", null)).contains(CARD);
    }

    @Test
    void aBodysMerchantOwnedIdRoutesAndAProvidersPrefixedOrderNumberToo() {
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/purchases", json("{\"productId\":\"" + PRODUCT + "\"}")))
                .contains(PRODUCT);
        String provider = "SB" + CARD.toString().replace("-", "");
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/public/payments/callbacks/sandbox",
                json("{\"providerOrderId\":\"" + provider + "\",\"tradeStatus\":\"PAID\"}"))).contains(CARD);
    }

    @Test
    void aComplaintsSubjectRoutesFromTheBodyOrFromAPagesQueryOrForm() {
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/complaints", json("{\"subject\":\"CARD\",\"subjectId\":\"" + CARD + "\"}")))
                .contains(CARD);
        assertThat(RequestMerchant.inParameters(name -> name.equals("subjectId") ? CARD.toString() : null)).contains(CARD);
        assertThat(RequestMerchant.inParameters(name -> name.equals("merchantId") ? CARD.toString() : null))
                .as("only the parameters listed route").isEmpty();
    }

    @Test
    void theStaffsOwnMerchantComesFirst() {
        assertThat(RequestMerchant.of(Optional.of(STAFFS_MERCHANT), "/api/v1/cards/" + CARD,
                json("{\"productId\":\"" + PRODUCT + "\"}"))).contains(STAFFS_MERCHANT);
    }

    @Test
    void requestsThatNameNoMerchantAreNotRouted() {
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/cards", null)).isEmpty();
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/me", json("{\"name\":\"x\"}"))).isEmpty();
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/products/check", json("not json"))).isEmpty();
        assertThat(RequestMerchant.of(Optional.empty(), "/api/v1/identity/users/" + CARD, null))
                .as("a user id carries no merchant's gene").isEmpty();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
