package org.fangxin.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackSignatureTests {

    static final String SECRET = "a-test-secret-of-sufficient-length";
    final CallbackSignature signer = new CallbackSignature(SECRET);

    Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("providerOrderId", "SBX123");
        fields.put("merchantOrderNo", "0190b1a4-0000-7000-8000-000000000001");
        fields.put("tradeStatus", "PAID");
        fields.put("amountMinor", "200000");
        fields.put("currency", "CNY");
        fields.put("paidAt", "");
        fields.put("timestamp", "1772416800");
        fields.put("nonce", "abc123");
        return fields;
    }

    @Test
    void canonicalFormSortsFieldsAndLeavesOutEmptyOnesAndTheSignature() {
        Map<String, String> fields = fields();
        fields.put("signature", "whatever");
        assertThat(CallbackSignature.canonical(fields)).isEqualTo(
                "amountMinor=200000&currency=CNY&merchantOrderNo=0190b1a4-0000-7000-8000-000000000001&nonce=abc123"
                        + "&providerOrderId=SBX123&timestamp=1772416800&tradeStatus=PAID");
    }

    @Test
    void acceptsItsOwnSignatureInEitherCase() {
        String signature = signer.sign(fields());
        assertThat(signature).hasSize(64).matches("[0-9a-f]+");
        assertThat(signer.matches(fields(), signature)).isTrue();
        assertThat(signer.matches(fields(), signature.toUpperCase())).isTrue();
    }

    @Test
    void matchesHmacSha256AsComputedByOpenssl() {
        // printf 'a=1&b=two' | openssl dgst -sha256 -hmac 'key-key-key-key-key'
        assertThat(new CallbackSignature("key-key-key-key-key").sign(Map.of("b", "two", "a", "1")))
                .isEqualTo("66d14605d956cac3fddfdb04c5d41eb5a4a70fe06a815b495917477f65b4f0e7");
    }

    @Test
    void rejectsATamperedField() {
        String signature = signer.sign(fields());
        Map<String, String> tampered = fields();
        tampered.put("amountMinor", "1");
        assertThat(signer.matches(tampered, signature)).isFalse();
        Map<String, String> added = fields();
        added.put("extra", "x");
        assertThat(signer.matches(added, signature)).isFalse();
        Map<String, String> otherNonce = fields();
        otherNonce.put("nonce", "abc124");
        assertThat(signer.matches(otherNonce, signature)).isFalse();
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String forged = new CallbackSignature("another-secret-of-enough-length").sign(fields());
        assertThat(signer.matches(fields(), forged)).isFalse();
    }

    @Test
    void rejectsMalformedSignatures() {
        assertThat(signer.matches(fields(), null)).isFalse();
        assertThat(signer.matches(fields(), "")).isFalse();
        assertThat(signer.matches(fields(), "zz".repeat(32))).isFalse();
        assertThat(signer.matches(fields(), signer.sign(fields()).substring(2))).isFalse();
    }

    @Test
    void acceptsOnlyTimestampsInsideTheWindow() {
        Instant now = Instant.parse("2026-03-02T02:00:00Z");
        Duration window = Duration.ofMinutes(5);
        assertThat(CallbackSignature.fresh(now, now, window)).isTrue();
        assertThat(CallbackSignature.fresh(now.minus(window), now, window)).isTrue();
        assertThat(CallbackSignature.fresh(now.minus(window).minusSeconds(1), now, window)).isFalse();
        assertThat(CallbackSignature.fresh(now.minus(Duration.ofHours(1)), now, window)).isFalse();
        assertThat(CallbackSignature.fresh(now.plus(window).plusSeconds(1), now, window)).isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new CallbackSignature("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
