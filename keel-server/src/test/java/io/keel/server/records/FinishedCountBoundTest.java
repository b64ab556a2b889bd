package io.keel.server.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FinishedCountBoundTest {

    @Test
    void countsFirstThenSkipsWhileTheBoundStaysUnderTheLimit() {
        FinishedCountBound bound = new FinishedCountBound(10);
        assertThat(bound.mayExceed(100, 0)).isTrue();
        bound.counted(90, 0);
        assertThat(bound.mayExceed(100, 10)).isFalse();
        assertThat(bound.mayExceed(100, 11)).isTrue();
    }

    @Test
    void countsAgainAtLeastEveryTenthPruneWhateverTheBound() {
        FinishedCountBound bound = new FinishedCountBound(10);
        bound.counted(0, 0);
        int skipped = 0;
        while (!bound.mayExceed(1_000, 0)) {
            skipped++;
        }
        assertThat(skipped).isEqualTo(9);
        bound.counted(0, 0);
        assertThat(bound.mayExceed(1_000, 0)).isFalse();
    }

    @Test
    void aCountTakenWhileRecordsArriveKeepsThemInTheBound() {
        FinishedCountBound bound = new FinishedCountBound(10);
        bound.counted(50, 100);
        // 100 committed before the count was read; 60 more since: the bound is 50 + 60
        assertThat(bound.mayExceed(109, 160)).isTrue();
        assertThat(bound.mayExceed(110, 160)).isFalse();
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> new FinishedCountBound(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactEvery");
    }
}
