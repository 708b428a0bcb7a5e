package io.keyward.pat;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatFormatTest {

    private static final Pattern SHAPE = Pattern.compile("kwp_[0-9A-Za-z]{43}[0-9A-Za-z]{6}");
    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedTokensHaveTheDocumentedShapeAndAValidChecksum() {
        for (int i = 0; i < 1_000; i++) {
            String token = PatFormat.generate(random);
            assertThat(token).hasSize(PatFormat.LENGTH).matches(SHAPE);
            assertThat(PatFormat.isWellFormed(token)).isTrue();
            assertThat(PatFormat.inspect(token)).isEqualTo(PatFormat.Verdict.WELL_FORMED);
        }
    }

    @Test
    void generatedTokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(PatFormat.generate(random))).isTrue();
        }
    }

    @Test
    void everySingleCharacterChangeInTheBodyIsCaughtByTheChecksum() {
        String token = PatFormat.generate(random);
        for (int position = PatFormat.PREFIX.length(); position < PatFormat.LENGTH; position++) {
            char original = token.charAt(position);
            char replacement = original == 'a' ? 'b' : 'a';
            String altered = token.substring(0, position) + replacement + token.substring(position + 1);
            assertThat(PatFormat.inspect(altered)).as("change at %d", position)
                    .isEqualTo(PatFormat.Verdict.BAD_CHECKSUM);
        }
    }

    @Test
    void rejectsWrongShapesAsMalformed() {
        String token = PatFormat.generate(random);
        assertThat(PatFormat.inspect(null)).isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect("")).isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect(token.substring(1))).isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect(token + "x")).isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect("kwq_" + token.substring(4))).isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect(token.substring(0, 10) + "-" + token.substring(11)))
                .isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.inspect(token.substring(0, 10) + "\u00e9" + token.substring(11)))
                .isEqualTo(PatFormat.Verdict.MALFORMED);
        assertThat(PatFormat.isWellFormed("Bearer " + token)).isFalse();
    }

    @Test
    void entropyCarriesAtLeast256Bits() {
        assertThat(PatFormat.ENTROPY_BYTES * 8).isGreaterThanOrEqualTo(256);
        assertThat(Math.pow(62, PatFormat.ENTROPY_LENGTH)).isGreaterThan(Math.pow(2, 256));
    }
}
