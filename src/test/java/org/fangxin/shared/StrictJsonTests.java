package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Item 9 of issue 13: the API reads JSON strictly. Money and dates are exact or refused with a 400 problem naming the
 * field; nothing is coerced (1.5 → 1 fen, "150" → 150, 1 → true, 20000 → an epoch day) and year 0001 is refused.
 */
class StrictJsonTests extends IntegrationTest {

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    Api operator;
    TestMerchants.Created gym;

    @BeforeEach
    void fixtures() {
        operator = api().as(users.create(Role.OPERATOR));
        gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
    }

    private Api.Response lodge(String amountMinorJson) {
        return operator.post("/api/v1/protection/deposits", """
                {"merchantId": "%s", "amount": {"amountMinor": %s, "currency": "CNY"}, "reference": "receipt"}
                """.formatted(gym.id(), amountMinorJson), "strict-" + UUID.randomUUID());
    }

    @ParameterizedTest(name = "amountMinor {0} is refused")
    @CsvSource(delimiter = '|', value = {"1.5", "1.0", "\"150\"", "true", "1e2", "null"})
    void refusesMoneyThatIsNotAWholeNumberOfFen(String amountMinor) {
        var answer = lodge(amountMinor);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid-input");
        assertThat(answer.json().get("field").asString()).isEqualTo("amount.amountMinor");
    }

    @Test
    void acceptsAWholeNumberOfFen() {
        assertThat(lodge("150").status()).isEqualTo(201);
    }

    @Test
    void refusesACurrencyThatIsNotOne() {
        var answer = operator.post("/api/v1/protection/deposits", """
                {"merchantId": "%s", "amount": {"amountMinor": 150, "currency": "XYZ"}, "reference": "receipt"}
                """.formatted(gym.id()), "strict-" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("amount.currency");
    }

    @ParameterizedTest(name = "flag {0} is refused")
    @CsvSource(delimiter = '|', value = {"1", "0", "\"true\"", "\"yes\""})
    void refusesBooleansThatAreNotBooleans(String flag) {
        var answer = operator.put("/api/v1/merchants/" + gym.id() + "/compliance-flags", """
                {"dishonestDebtor": %s, "abnormalOperation": false, "deregistering": false, "reason": "x"}
                """.formatted(flag));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("dishonestDebtor");
    }

    @ParameterizedTest(name = "date {0} is refused")
    @CsvSource(delimiter = '|', value = {"20000", "\"0001-01-01\"", "\"2026-3-1\"", "\"20260301\"", "\"2026-02-30\"", "[2026,3,1]"})
    void refusesDatesThatAreNotPlausibleIsoDates(String date) {
        var answer = operator.post("/api/v1/settlement/runs", "{\"settlementDate\": " + date + "}", "strict-" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid-input");
        assertThat(answer.json().get("field").asString()).isEqualTo("settlementDate");
    }

    @Test
    void refusesANumberWhereTextIsExpected() {
        var answer = operator.post("/api/v1/protection/deposits", """
                {"merchantId": "%s", "amount": {"amountMinor": 150, "currency": "CNY"}, "reference": 42}
                """.formatted(gym.id()), "strict-" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("reference");
    }
}
