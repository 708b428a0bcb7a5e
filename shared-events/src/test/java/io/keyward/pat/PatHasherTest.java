package io.keyward.pat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PatHasherTest {

    private static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void isHmacSha256OfTheTokenUnderThePepper() {
        // Known answer, computed independently:
        // printf 'kwp_test' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        byte[] hash = new PatHasher(PEPPER).hash("kwp_test");
        assertThat(HexFormat.of().formatHex(hash))
                .isEqualTo("e378c687d91d9951a46fe312cce0e91ffe9e1801f9220eb1245d1b183b571413");
        assertThat(hash).hasSize(32);
    }

    @Test
    void differentPeppersGiveDifferentHashes() {
        String token = PatFormat.generate(new SecureRandom());
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertThat(new PatHasher(PEPPER).hash(token)).isNotEqualTo(new PatHasher(other).hash(token));
        assertThat(new PatHasher(PEPPER).hash(token)).isEqualTo(new PatHasher(PEPPER).hash(token));
    }

    @Test
    void textFormRoundTrips() {
        byte[] hash = new PatHasher(PEPPER).hash(PatFormat.generate(new SecureRandom()));
        String text = PatHasher.encode(hash);
        assertThat(text).hasSize(43).doesNotContain("=");
        assertThat(PatHasher.decode(text)).isEqualTo(hash);
        assertThat(PatHasher.matches(hash, PatHasher.decode(text))).isTrue();
    }

    @Test
    void refusesShortPeppers() {
        assertThatThrownBy(() -> new PatHasher("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }
}
