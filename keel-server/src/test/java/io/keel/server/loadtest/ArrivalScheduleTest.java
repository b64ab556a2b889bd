package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class ArrivalScheduleTest {

    @Property(tries = 200)
    void arrivalsAreOrderedAndTheSteadyStateHoldsTheRate(@ForAll @DoubleRange(min = 1, max = 50_000) double rate,
                                                         @ForAll @LongRange(min = 0, max = 5) long rampSeconds) {
        long ramp = rampSeconds * 1_000_000_000L;
        long total = ramp + 2_000_000_000L;
        ArrivalSchedule schedule = new ArrivalSchedule(rate, ramp, total);
        long previous = -1;
        long count = 0;
        long steady = 0;
        for (long k = 0; ; k++) {
            long offset = schedule.offsetNanos(k);
            if (offset < 0) {
                break;
            }
            assertThat(offset).isGreaterThanOrEqualTo(previous);
            previous = offset;
            count++;
            if (offset >= ramp) {
                steady++;
            }
        }
        // Two steady seconds at `rate`, give or take one arrival at each edge; the ramp carries rate*ramp/2.
        assertThat((double) steady).isBetween(2 * rate - 2, 2 * rate + 2);
        assertThat((double) count).isBetween(2 * rate + rate * rampSeconds / 2.0 - 2,
                2 * rate + rate * rampSeconds / 2.0 + 2);
    }
}
