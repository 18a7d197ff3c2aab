package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

final class Fixtures {
    static final String SECRET =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final StepwiseKeys KEYS = StepwiseKeys.fromBase64(SECRET);
    static final MetadataSeal SEAL = new MetadataSeal(KEYS);
    static final String POOL = "us-east-1_EXAMPLE";
    static final String USER = "alice";
    static final String CLIENT = "client1";
    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final String EMAIL = "alice@example.com";
    static final String PHONE = "+15555550123";
    static final UserProfile BOTH = new UserProfile(EMAIL, PHONE);
    static final UserProfile EMAIL_ONLY = new UserProfile(EMAIL, null);
    static final UserProfile PHONE_ONLY = new UserProfile(null, PHONE);

    private Fixtures() {}

    static Policy policy(String text) {
        return Policy.parse("STEPWISE_POLICY", text, Limits.DEFAULT);
    }

    static Round srpA() {
        return new Round(Round.SRP_A, true, null);
    }

    static Round passwordVerifier(boolean passed) {
        return new Round(Round.PASSWORD_VERIFIER, passed, null);
    }

    static Round custom(Factor factor, int step, int attempt, boolean passed) {
        return custom(factor, step, attempt, passed, NOW.plus(Duration.ofMinutes(5)));
    }

    static Round custom(Factor factor, int step, int attempt, boolean passed, Instant expiresAt) {
        ChallengeMetadata metadata = new ChallengeMetadata(factor, step, attempt, expiresAt, "aGFzaA");
        return new Round(Round.CUSTOM_CHALLENGE, passed, SEAL.seal(POOL, USER, metadata));
    }

    static SignInContext context(UserProfile user, boolean userNotFound, Round... rounds) {
        return new SignInContext(POOL, USER, CLIENT, user, new ArrayList<>(List.of(rounds)), userNotFound);
    }
}
