package org.fangxin.shared;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
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
        sealer = new AuditSealer(chain, true, Duration.ofMillis(500), new OneDatabase());

        sealer.request(0);
        sealer.request(0);
        sealer.request(0);

        verify(chain, timeout(10_000).times(1)).sealAll(anyInt());
        verify(chain, after(800).times(1)).sealAll(anyInt());
    }

    @Test
    void aCommitAfterThePassStartedAsksForAnotherPass() {
        sealer = new AuditSealer(chain, true, Duration.ZERO, new OneDatabase());

        sealer.request(0);
        verify(chain, timeout(10_000).times(1)).sealAll(anyInt());
        sealer.request(0);

        verify(chain, timeout(10_000).times(2)).sealAll(anyInt());
    }

    private static final class OneDatabase implements Shards {
        @Override
        public <T> List<T> each(Supplier<T> work) {
            return List.of(work.get());
        }

        @Override
        public int current() {
            return 0;
        }

        @Override
        public int count() {
            return 1;
        }
    }
}
