package org.fangxin.insurance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fangxin.insurance.PolicyScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeMatchTests {

    @ParameterizedTest(name = "policy region {0} covers merchant region {1}: {2}")
    @CsvSource({
            "410200, 410202, true",    // Kaifeng city covers its districts
            "410200, 410200, true",
            "410200, 410302, false",   // Luoyang is another city
            "410000, 410302, true",    // Henan province covers every city in it
            "410202, 410202, true",    // a district covers only itself
            "410202, 410203, false",
            "310000, 410200, false",
    })
    void regionsCoverThemselvesAndWhatLiesInside(String policy, String merchant, boolean covers) {
        assertThat(ScopeMatch.regionCovers(policy, merchant)).isEqualTo(covers);
    }

    @Test
    void merchantAndGroupScopesCoverTheNamedMerchantsOnly() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(ScopeMatch.covers(PolicyScope.MERCHANT, List.of(a), null, a, "410200")).isTrue();
        assertThat(ScopeMatch.covers(PolicyScope.MERCHANT, List.of(a), null, b, "410200")).isFalse();
        assertThat(ScopeMatch.covers(PolicyScope.GROUP, List.of(a, b), null, b, "410200")).isTrue();
        assertThat(ScopeMatch.covers(PolicyScope.REGION, List.of(), "410200", b, "410204")).isTrue();
        assertThat(ScopeMatch.covers(PolicyScope.REGION, List.of(), "410200", b, null)).isFalse();
    }
}
