package dev.stepwise.attach;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;

/**
 * The three custom-auth entries of a user pool's {@code LambdaConfig}: Define Auth Challenge, Create Auth Challenge
 * and Verify Auth Challenge Response. A {@code null} member means the pool has no such trigger.
 *
 * @param define the Define Auth Challenge Lambda ARN, or {@code null}
 * @param create the Create Auth Challenge Lambda ARN, or {@code null}
 * @param verify the Verify Auth Challenge Response Lambda ARN, or {@code null}
 */
public record CustomAuthTriggers(String define, String create, String verify) {

    private static final CustomAuthTriggers NONE = new CustomAuthTriggers(null, null, null);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Blank ARNs are treated as absent, as Cognito does. */
    public CustomAuthTriggers {
        define = blankToNull(define);
        create = blankToNull(create);
        verify = blankToNull(verify);
    }

    /** No custom-auth triggers. */
    public static CustomAuthTriggers none() {
        return NONE;
    }

    /** The custom-auth triggers in a pool's Lambda configuration ({@code null} means none). */
    public static CustomAuthTriggers of(LambdaConfigType lambdaConfig) {
        if (lambdaConfig == null) {
            return NONE;
        }
        return new CustomAuthTriggers(
                lambdaConfig.defineAuthChallenge(),
                lambdaConfig.createAuthChallenge(),
                lambdaConfig.verifyAuthChallengeResponse());
    }

    /** Whether none of the three triggers is set. */
    public boolean isEmpty() {
        return define == null && create == null && verify == null;
    }

    /** Whether all three triggers are set. */
    public boolean isComplete() {
        return define != null && create != null && verify != null;
    }

    /**
     * A copy of {@code lambdaConfig} with exactly these three custom-auth entries; every other trigger and setting of
     * the Lambda configuration is kept.
     *
     * @param lambdaConfig the pool's current Lambda configuration, or {@code null} for none
     * @return the configuration to send, or {@code null} when it would be empty
     */
    public LambdaConfigType applyTo(LambdaConfigType lambdaConfig) {
        LambdaConfigType base =
                lambdaConfig == null ? LambdaConfigType.builder().build() : lambdaConfig;
        LambdaConfigType merged = base.toBuilder()
                .defineAuthChallenge(define)
                .createAuthChallenge(create)
                .verifyAuthChallengeResponse(verify)
                .build();
        return merged.equals(LambdaConfigType.builder().build()) ? null : merged;
    }

    /** A compact, URL-safe text form, for keeping these triggers in a physical resource id. */
    public String encode() {
        String joined = String.join("\n", orEmpty(define), orEmpty(create), orEmpty(verify));
        return ENCODER.encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the text form written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if {@code encoded} is not such a text
     */
    public static CustomAuthTriggers decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String joined = new String(DECODER.decode(encoded), StandardCharsets.UTF_8);
        String[] parts = joined.split("\n", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not an encoded set of three custom-auth triggers");
        }
        return new CustomAuthTriggers(parts[0], parts[1], parts[2]);
    }

    private static String blankToNull(String arn) {
        return arn == null || arn.isBlank() ? null : arn;
    }

    private static String orEmpty(String arn) {
        return arn == null ? "" : arn;
    }
}
