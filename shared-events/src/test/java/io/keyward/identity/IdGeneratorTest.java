package io.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsArePositiveStrictlyIncreasingAndDecimal() {
        IdGenerator ids = new IdGenerator(7);
        long previous = 0;
        for (int i = 0; i < 100_000; i++) {
            long id = ids.nextLong();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(ids.next()).matches("[1-9][0-9]{0,18}");
    }

    @Test
    void carryTheirCreationTimeAndNode() {
        Instant now = Instant.parse("2026-12-03T10:15:30.123Z");
        IdGenerator ids = new IdGenerator(1023, Clock.fixed(now, ZoneOffset.UTC));
        long id = ids.nextLong();
        assertThat(IdGenerator.timestampOf(id)).isEqualTo(now);
        assertThat((id >> IdGenerator.SEQUENCE_BITS) & IdGenerator.MAX_NODE_ID).isEqualTo(1023);
    }

    @Test
    void neverRepeatWhenTheClockStandsStillOrGoesBack() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        IdGenerator ids = new IdGenerator(3, frozen);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(ids.nextLong())).isTrue();
        }
    }

    @Test
    void generatorsOnDifferentNodesNeverCollideUnderConcurrency() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<IdGenerator> nodes = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            nodes.add(new IdGenerator(node));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            IdGenerator ids = nodes.get(t % 4);
            pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(ids.nextLong());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(8 * 20_000);
    }

    @Test
    void validatesIdText() {
        assertThat(IdGenerator.isValid("291606795498498048")).isTrue();
        assertThat(IdGenerator.isValid("0")).isFalse();
        assertThat(IdGenerator.isValid("-1")).isFalse();
        assertThat(IdGenerator.isValid("12a")).isFalse();
        assertThat(IdGenerator.isValid("99999999999999999999")).isFalse();
        assertThat(IdGenerator.isValid("")).isFalse();
        assertThat(IdGenerator.isValid(null)).isFalse();
        assertThatThrownBy(() -> new IdGenerator(1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
