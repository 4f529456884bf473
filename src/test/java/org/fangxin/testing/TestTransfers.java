package org.fangxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

/** A card transfer through the API in its two steps: the holder offers the card to a number, its consumer accepts. */
public final class TestTransfers {

    private TestTransfers() {
    }

    /** Offers {@code cardId} to {@code mobile} and accepts as {@code recipient}; answers the acceptance (201, the transfer). */
    public static Api.Response transfer(Api holder, Api recipient, UUID cardId, String mobile) {
        Api.Response offered = holder.post("/api/v1/cards/" + cardId + "/transfer", Map.of("toMobile", mobile),
                UUID.randomUUID().toString());
        assertThat(offered.status()).as(offered.body()).isEqualTo(202);
        String offerId = offered.json().get("id").asString();
        return recipient.post("/api/v1/card-transfer-offers/" + offerId + "/acceptance", null, UUID.randomUUID().toString());
    }
}
