package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndToEndIdTests {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "payout-confirmed:0196f0a2-1c3d-7e4f-8a9b-0c1d2e3f4a5b, FX0196f0a21c3d7e4f8a9b0c1d2e3f4a5b",
            "payout-confirmed:not-a-uuid, null",
            "rt-12345, rt-12345",
            "escrow-funding:0196f0a2-1c3d-7e4f-8a9b-0c1d2e3f4a5b, null",
            "manual:user:key with space, null"})
    void derivesTheEndToEndIdTheBankReportsFromThePostingKey(String postingKey, String endToEndId) {
        assertThat(Reconciliations.endToEndIdOf(postingKey)).isEqualTo(endToEndId);
    }

    /** Issue 13, item 11: every movement the bank sees has a short, stable reference, long posting keys included. */
    @ParameterizedTest
    @CsvSource(value = {
            "escrow-funding:0196f0a2-1c3d-7e4f-8a9b-0c1d2e3f4a5b, FT0196f0a3aaaa7e4f8a9b0c1d2e3f4a5c",
            "manual:user:key with space, FT0196f0a3aaaa7e4f8a9b0c1d2e3f4a5c",
            "rt-12345, rt-12345",
            "payout-confirmed:0196f0a2-1c3d-7e4f-8a9b-0c1d2e3f4a5b, FX0196f0a21c3d7e4f8a9b0c1d2e3f4a5b"})
    void givesEveryMovementAShortStableReference(String postingKey, String reference) {
        var transfer = new org.fangxin.ledger.TransferId(java.util.UUID.fromString("0196f0a3-aaaa-7e4f-8a9b-0c1d2e3f4a5c"));

        assertThat(org.fangxin.bank.format.BankReferences.of(postingKey, transfer)).isEqualTo(reference).hasSizeLessThanOrEqualTo(35);
    }
}
