package dev.stepwise.harness.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Random identifiers in Cognito's shapes, from one {@link SecureRandom}. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    static String poolId(String region) {
        return region + "_" + random(ALNUM, 9);
    }

    static String clientId() {
        return random(LOWER_ALNUM, 26);
    }

    static String clientSecret() {
        return random(LOWER_ALNUM, 51);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static String token(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static byte[] bytes(int count) {
        byte[] value = new byte[count];
        RANDOM.nextBytes(value);
        return value;
    }

    private static String random(String alphabet, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
