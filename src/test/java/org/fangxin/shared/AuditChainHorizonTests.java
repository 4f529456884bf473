package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the audit sealer's next pass starts looking for unsealed entries (issue 15: a backlog read again per pass). */
class AuditChainHorizonTests {

    private static AuditChain.Head head(long since, long xmin) {
        return new AuditChain.Head(0, AuditChain.GENESIS, since, since, xmin, xmin + 10);
    }

    @Test
    void aPassThatWasNotFullMovesTheHorizonToTheSnapshotsXmin() {
        assertThat(AuditChain.horizonAfter(AuditChain.SEAL_BATCH_MAX - 1, 150, head(100, 200))).isEqualTo(200);
    }

    @Test
    void aFullBatchMovesTheHorizonToItsLastEntrysTransactionWhichMayHaveEntriesLeft() {
        assertThat(AuditChain.horizonAfter(AuditChain.SEAL_BATCH_MAX, 150, head(100, 200))).isEqualTo(150);
    }

    @Test
    void aFullBatchNeverMovesTheHorizonPastATransactionStillRunningAtTheSnapshot() {
        // the batch's last entry is above xmin: an earlier transaction may still commit entries below it
        assertThat(AuditChain.horizonAfter(AuditChain.SEAL_BATCH_MAX, 250, head(100, 200))).isEqualTo(200);
    }

    @Test
    void theHorizonNeverMovesBackBelowWhereThePassStarted() {
        assertThat(AuditChain.horizonAfter(AuditChain.SEAL_BATCH_MAX, 150, head(180, 170))).isEqualTo(180);
    }
}
