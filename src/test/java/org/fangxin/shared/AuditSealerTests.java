package org.fangxin.shared;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The after-commit sealer gathers: commits that ask for a pass while one is waiting to start are served by that one
 * pass (one commit and fsync of the sealer's, not one per audited commit).
 */
class AuditSealerTests {

    private final AuditChain chain = mock(AuditChain.class);
    private AuditSealer sealer;

    @AfterEach
    void stop() {
        sealer.stop();
    }

    @Test
    void commitsThatAskWhileAPassIsGatheringAreSealedByThatOnePass() {
        sealer = new AuditSealer(chain, true, Duration.ofMillis(500), oneDatabase());

        sealer.request(0);
        sealer.request(0);
        sealer.request(0);

        verify(chain, timeout(10_000).times(1)).sealAll(anyInt());
        verify(chain, after(800).times(1)).sealAll(anyInt());
    }

    @Test
    void aCommitAfterThePassStartedAsksForAnotherPass() {
        sealer = new AuditSealer(chain, true, Duration.ZERO, oneDatabase());

        sealer.request(0);
        verify(chain, timeout(10_000).times(1)).sealAll(anyInt());
        sealer.request(0);

        verify(chain, timeout(10_000).times(2)).sealAll(anyInt());
    }

    /** One database: the sealer's pass runs in place ({@link Shards#on}'s default). */
    private static Shards oneDatabase() {
        Shards shards = mock(Shards.class, CALLS_REAL_METHODS);
        doReturn(1).when(shards).count();
        doReturn(0).when(shards).current();
        return shards;
    }
}
