package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageRequestTests {

    @Test
    void aPageStartsAfterTheRowsOfTheEarlierPages() {
        assertThat(PageRequest.of(0, 50, 200)).isEqualTo(new PageRequest(0, 50));
        assertThat(PageRequest.of(3, 50, 200)).isEqualTo(new PageRequest(150, 50));
    }

    @Test
    void aPageHoldsAtLeastOneRowAndAtMostTheListsMaximum() {
        assertThat(PageRequest.of(2, 0, 200)).isEqualTo(new PageRequest(2, 1));
        assertThat(PageRequest.of(1, 10_000, 200)).isEqualTo(new PageRequest(200, 200));
        assertThat(PageRequest.limit(-5, 100)).isEqualTo(1);
    }

    @Test
    void aNegativePageIsRefusedAsBadInput() {
        assertThatThrownBy(() -> PageRequest.of(-1, 50, 200)).isInstanceOf(Rejection.class)
                .hasMessageContaining("page counts from 0");
    }

    @Test
    void aPageBeyondWhatAnOffsetCanCountIsRefusedAsBadInputRatherThanWrapped() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200, 200)).isInstanceOf(Rejection.class)
                .hasMessageContaining("beyond the end");
    }
}
