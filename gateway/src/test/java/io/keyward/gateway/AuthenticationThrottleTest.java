package io.keyward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    // 5 failures at once, then one every 12 s (5 a minute)
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(5, 5, 3, now::get, null,
            new ObjectMapper());

    private void after(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
    }

    @Test
    void aSourceMayFailItsBurstThenWaitsForTheRefill() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("failure %d may be tried", i + 1).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(12);

        after(Duration.ofSeconds(6));
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(6);
        after(Duration.ofSeconds(6));
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("one more try after 12 s").isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(12);
    }

    @Test
    void anotherSourceIsNotSlowed() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isPositive();
        assertThat(throttle.retryAfterSeconds("10.0.0.2")).isZero();
    }

    @Test
    void concurrentGuessesBeyondTheBurstAreOwed() {
        // ten guesses that passed the check together, all failing
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("5 owed: 6 refills to get one token").isEqualTo(72);
    }

    @Test
    void sourcesBeyondTheLimitShareOneBucketAndRecoveredOnesAreForgotten() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.2");
        throttle.failed("10.0.0.3");
        assertThat(throttle.trackedSources()).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0." + (10 + i)); // five new sources, one shared bucket
        }
        assertThat(throttle.trackedSources()).isEqualTo(4);
        assertThat(throttle.retryAfterSeconds("10.0.0.99")).as("an untracked source shares the overflow").isPositive();
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("tracked sources keep their own").isZero();

        after(Duration.ofMinutes(2));
        throttle.forgetRecovered();
        assertThat(throttle.trackedSources()).isZero();
    }

    @Test
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> new AuthenticationThrottle(0, 5, 10, now::get, null, new ObjectMapper()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
