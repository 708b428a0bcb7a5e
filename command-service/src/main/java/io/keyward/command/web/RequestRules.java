package io.keyward.command.web;

import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.identity.Usernames;
import io.keyward.service.config.KeywardProperties;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The request rules of the API: shapes (400) and business validation of PAT expirations (422).
 */
@Component
public class RequestRules {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 400;
    public static final String BEARER = "Bearer";
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    /** RFC 3339: a date, a time and an offset ({@code Z} or {@code ±hh:mm}), letters in either case. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

    private final KeywardProperties properties;
    private final Clock clock;

    public RequestRules(KeywardProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public String username(String username) {
        String value = required("username", username);
        if (!Usernames.isValid(value)) {
            throw KeywardException.invalid("Field 'username' must be 1 to " + Usernames.MAX_LENGTH
                    + " characters: letters, digits and . _ @ + -, starting with a letter or digit.");
        }
        return value;
    }

    public String name(String name) {
        String value = required("name", name);
        return text("name", value, MAX_NAME_LENGTH);
    }

    public String description(String description) {
        return description == null ? null : text("description", description, MAX_DESCRIPTION_LENGTH);
    }

    public String accessTokenType(String accessTokenType) {
        String value = required("accessTokenType", accessTokenType);
        if (!BEARER.equals(value)) {
            throw KeywardException.invalid("Field 'accessTokenType' must be 'Bearer'.");
        }
        return value;
    }

    /** A path parameter that must be one of Keyward's decimal ids. */
    public String id(String parameter, String value) {
        if (!IdGenerator.isValid(value)) {
            throw KeywardException.invalid("Path parameter '" + parameter + "' must be a decimal id.");
        }
        return value;
    }

    /** An optional PAT name, shown in listings. */
    public String patName(String name) {
        return name == null ? null : text("name", required("name", name), MAX_NAME_LENGTH);
    }

    public String email(String email) {
        if (email == null) {
            return null;
        }
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw KeywardException.invalid("Field 'email' must be an e-mail address.");
        }
        return email;
    }

    /** An RFC 3339 timestamp in the past or the future (for instance "issued before"). */
    public Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(required(field, value), RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw KeywardException.invalid("Field '" + field + "' must be an RFC 3339 timestamp such as "
                    + "2026-12-31T23:59:59Z.");
        }
    }

    /** A rotation's grace period: an ISO 8601 duration from zero to {@link #MAX_GRACE_PERIOD}. */
    public Duration gracePeriod(String gracePeriod) {
        if (gracePeriod == null) {
            return Duration.ZERO;
        }
        Duration parsed;
        try {
            parsed = Duration.parse(gracePeriod);
        } catch (DateTimeParseException e) {
            throw KeywardException.invalid("Field 'gracePeriod' must be an ISO 8601 duration such as PT1H.");
        }
        if (parsed.isNegative() || parsed.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw new KeywardException(ErrorCode.VALIDATION_FAILED,
                    "The grace period must be between PT0S and " + MAX_GRACE_PERIOD + ".");
        }
        return parsed;
    }

    /** Roles from the comma-separated {@code roles} query parameter, in the order given, without repeats. */
    public List<Role> roles(String roles) {
        if (roles == null || roles.isBlank()) {
            return List.of();
        }
        Set<Role> parsed = new LinkedHashSet<>();
        for (String value : roles.split(",")) {
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            parsed.add(Role.find(trimmed).orElseThrow(() -> KeywardException.invalid(
                    "Unknown role '" + printable(trimmed) + "'; roles are "
                            + Arrays.stream(Role.values()).map(Role::value).collect(Collectors.joining(", "))
                            + ".")));
        }
        return new ArrayList<>(parsed);
    }

    /**
     * A PAT expiration: RFC 3339 (else 400), in the future and within the tenant's maximum PAT lifetime (else 422).
     */
    public Instant expiration(String tenantId, String expirationDate) {
        Instant expiration = instant("expirationDate", expirationDate);
        Instant now = clock.instant();
        if (!expiration.isAfter(now)) {
            throw new KeywardException(ErrorCode.VALIDATION_FAILED, "The expiration date must be in the future.");
        }
        Duration maxLifetime = properties.maxPatLifetime(tenantId);
        if (expiration.isAfter(now.plus(maxLifetime))) {
            throw new KeywardException(ErrorCode.VALIDATION_FAILED,
                    "The expiration date is beyond the maximum PAT lifetime of " + maxLifetime.toDays()
                            + " days in this tenant (latest allowed: " + now.plus(maxLifetime) + ").");
        }
        return expiration;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw KeywardException.invalid("Field '" + field + "' is required.");
        }
        if (value.isBlank()) {
            throw KeywardException.invalid("Field '" + field + "' must not be blank.");
        }
        return value;
    }

    private static String text(String field, String value, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw KeywardException.invalid("Field '" + field + "' must be at most " + maxLength + " characters.");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw KeywardException.invalid("Field '" + field + "' must not contain control characters.");
        }
        return value;
    }

    /** Echo a caller's value safely: printable ASCII only, and short. */
    static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.codePoints().map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
