package dev.stepwise.attach;

import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Attaches and detaches the custom-auth triggers of an existing user pool with {@code DescribeUserPool} followed by a
 * full {@code UpdateUserPool} built by {@link UserPoolMerge}, so every other setting of the pool survives.
 *
 * <p>Cognito offers no conditional update: a change made to the pool by someone else between the two calls is
 * overwritten. Thread-safe if the client is.
 */
public final class TriggerAttachment {

    /** What {@link #detach} did. */
    public enum DetachOutcome {
        /** The previous triggers are back in place. */
        RESTORED,
        /** The pool's custom-auth triggers are no longer the ones attached, so they were left as they are. */
        CHANGED_SINCE,
        /** The user pool no longer exists. */
        POOL_GONE
    }

    private final CognitoIdentityProviderClient cognito;

    /**
     * Uses the given Cognito client.
     *
     * @param cognito the client; its credentials need {@code cognito-idp:DescribeUserPool} and
     *     {@code cognito-idp:UpdateUserPool} on the pool
     */
    public TriggerAttachment(CognitoIdentityProviderClient cognito) {
        this.cognito = Objects.requireNonNull(cognito, "cognito");
    }

    /**
     * Points the pool's three custom-auth triggers at {@code triggers}, keeping everything else.
     *
     * @param userPoolId the pool
     * @param triggers the triggers to attach; all three must be set
     * @param alsoOurs triggers an earlier version of this attachment set, which are replaced without asking
     *     ({@link CustomAuthTriggers#none()} when there is no earlier version)
     * @param replaceExisting whether other custom-auth triggers already on the pool may be replaced
     * @return the custom-auth triggers the pool had before, to restore on detach
     * @throws IllegalStateException when the pool has other custom-auth triggers and {@code replaceExisting} is false
     */
    public CustomAuthTriggers attach(
            String userPoolId, CustomAuthTriggers triggers, CustomAuthTriggers alsoOurs, boolean replaceExisting) {
        if (!triggers.isComplete()) {
            throw new IllegalArgumentException("All three custom-auth trigger ARNs are required, got " + triggers);
        }
        UserPoolType pool = describe(userPoolId);
        CustomAuthTriggers current = CustomAuthTriggers.of(pool.lambdaConfig());
        boolean ours = current.equals(triggers) || (!alsoOurs.isEmpty() && current.equals(alsoOurs));
        if (!current.isEmpty() && !ours && !replaceExisting) {
            throw new IllegalStateException(
                    "User pool " + userPoolId + " already has custom-auth triggers that are not"
                            + " Stepwise's: " + describe(current) + ". Remove them from the pool, or deploy again with"
                            + " -c replaceExistingTriggers=true to replace them (they are restored when the stack is deleted).");
        }
        if (!current.equals(triggers)) {
            cognito.updateUserPool(UserPoolMerge.updateRequest(pool, triggers));
        }
        return ours ? CustomAuthTriggers.none() : current;
    }

    /**
     * Puts {@code previous} back in place of {@code ours}, keeping everything else; does nothing when the pool's
     * custom-auth triggers are no longer {@code ours} or the pool is gone.
     *
     * @param userPoolId the pool
     * @param ours the triggers {@link #attach} set
     * @param previous the triggers to restore ({@link CustomAuthTriggers#none()} removes them)
     * @return what was done
     */
    public DetachOutcome detach(String userPoolId, CustomAuthTriggers ours, CustomAuthTriggers previous) {
        UserPoolType pool;
        try {
            pool = describe(userPoolId);
        } catch (ResourceNotFoundException e) {
            return DetachOutcome.POOL_GONE;
        }
        if (!CustomAuthTriggers.of(pool.lambdaConfig()).equals(ours)) {
            return DetachOutcome.CHANGED_SINCE;
        }
        cognito.updateUserPool(UserPoolMerge.updateRequest(pool, previous));
        return DetachOutcome.RESTORED;
    }

    private UserPoolType describe(String userPoolId) {
        return cognito.describeUserPool(b -> b.userPoolId(userPoolId)).userPool();
    }

    private static String describe(CustomAuthTriggers triggers) {
        return "DefineAuthChallenge=" + triggers.define() + ", CreateAuthChallenge=" + triggers.create()
                + ", VerifyAuthChallengeResponse=" + triggers.verify();
    }
}
