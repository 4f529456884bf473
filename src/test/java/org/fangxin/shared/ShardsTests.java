package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A page of a listing over several shards is cut from the merge of each shard's first rows (ADR 12 §8c). */
class ShardsTests {

    /** Three shards in one thread: shard n holds the numbers ≡ n (mod 3) below 30. */
    static final class ThreeShards implements Shards {
        int current;
        final List<int[]> asked = new ArrayList<>();

        @Override
        public <T> List<T> each(Supplier<T> work) {
            List<T> answers = new ArrayList<>();
            for (current = 0; current < 3; current++) {
                answers.add(work.get());
            }
            current = 0;
            return answers;
        }

        @Override
        public int current() {
            return current;
        }

        @Override
        public int count() {
            return 3;
        }

        List<Integer> rows(int offset, int limit) {
            asked.add(new int[] {current, offset, limit});
            int shard = current;
            return IntStream.range(0, 30).filter(n -> n % 3 == shard).boxed().sorted(Comparator.reverseOrder())
                    .skip(offset).limit(limit).toList();
        }
    }

    @Test
    void aPageOverThreeShardsIsThePageOfAllTheirRowsInOrder() {
        ThreeShards shards = new ThreeShards();
        List<Integer> page = shards.page(shards::rows, Comparator.<Integer>reverseOrder(), 4, 5);
        assertThat(page).containsExactly(25, 24, 23, 22, 21);
        assertThat(shards.asked).as("each shard once, for its first offset + limit rows")
                .extracting(a -> a[0] + ":" + a[1] + ":" + a[2]).containsExactly("0:0:9", "1:0:9", "2:0:9");
    }

    @Test
    void aPageBeyondTheLastRowIsEmpty() {
        ThreeShards shards = new ThreeShards();
        assertThat(shards.page(shards::rows, Comparator.<Integer>reverseOrder(), 40, 5)).isEmpty();
    }
}
