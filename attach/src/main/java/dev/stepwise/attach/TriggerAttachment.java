package dev.stepwise.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Attaches and detaches the custom-auth triggers of an existing user pool with {@code DescribeUserPool} followed by a
 * full {@code UpdateUserPool} built by {@link UserPoolMerge}, so every other setting of the pool survives.
 *
 * <p>Attaching is split into {@link #plan} (read and check, no write) and {@link #apply} (write, then read back), so
 * a caller can validate everything that could still fail before the pool changes. Cognito offers no conditional
 * update: a change made by someone else between describe and update is overwritten; {@link #apply} reads the pool
 * again afterwards and reports a concurrent change to the triggers. Thread-safe if the client is.
 */
public final class TriggerAttachment {

    /** A Lambda function, version or alias ARN. */
    static final Pattern LAMBDA_ARN =
            Pattern.compile("arn:aws[\\w-]*:lambda:[a-z0-9-]+:\\d{12}:function:[\\w-]{1,64}(:[\\w$-]{1,128})?");

    /** What {@link #detach} did. */
    public enum DetachOutcome {
        /** The previous triggers are back in place. */
        RESTORED,
        /** Some triggers were changed by someone else since the attachment: those stay, the others are restored. */
        PARTLY_RESTORED,
        /** None of the pool's custom-auth triggers is still the one attached, so nothing was changed. */
        CHANGED_SINCE,
        /** The pool changed again while the previous triggers were being written back. */
        CONCURRENT_CHANGE,
        /** The user pool no longer exists. */
        POOL_GONE
    }

    /** What {@link #attachPostConfirmation} did. */
    public enum PostConfirmationOutcome {
        /** The pool had no post confirmation trigger (or an earlier one of ours): it now has Stepwise's. */
        ATTACHED,
        /** The pool already had this very trigger. */
        ALREADY_ATTACHED,
        /** The pool has a post confirmation trigger of its own, which was left as it is: Stepwise's is not attached. */
        KEPT_OWN
    }

    /**
     * What {@link #apply} will do, checked and not yet written.
     *
     * @param pool the pool as described
     * @param target the custom-auth triggers the pool gets
     * @param previous the custom-auth triggers to restore on detach ({@link CustomAuthTriggers#none()} when the pool
     *     had none, or had an earlier version of ours)
     */
    public record Plan(UserPoolType pool, CustomAuthTriggers target, CustomAuthTriggers previous) {

        /** Whether the pool's triggers differ from the target, so that an update is needed. */
        public boolean changesPool() {
            return !CustomAuthTriggers.of(pool.lambdaConfig()).equals(target);
        }
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

    /** The Cognito client this attachment uses. */
    CognitoIdentityProviderClient client() {
        return cognito;
    }

    /**
     * Reads the pool and checks that {@code triggers} may be attached, without writing anything.
     *
     * @param userPoolId the pool
     * @param triggers the triggers to attach; all three must be Lambda ARNs
     * @param alsoOurs triggers an earlier version of this attachment set, which are replaced without asking
     *     ({@link CustomAuthTriggers#none()} when there is no earlier version)
     * @param replaceExisting whether other custom-auth triggers already on the pool may be replaced
     * @return the checked plan
     * @throws IllegalArgumentException when a trigger ARN is missing or malformed
     * @throws IllegalStateException when the pool has other custom-auth triggers and {@code replaceExisting} is false
     */
    public Plan plan(
            String userPoolId, CustomAuthTriggers triggers, CustomAuthTriggers alsoOurs, boolean replaceExisting) {
        requireArns(triggers);
        UserPoolType pool = describe(userPoolId);
        CustomAuthTriggers current = CustomAuthTriggers.of(pool.lambdaConfig());
        boolean ours = current.equals(triggers) || (!alsoOurs.isEmpty() && current.equals(alsoOurs));
        if (!current.isEmpty() && !ours && !replaceExisting) {
            throw new IllegalStateException(
                    "User pool " + userPoolId + " already has custom-auth triggers that are not"
                            + " Stepwise's: " + describe(current) + ". Remove them from the pool, or deploy again with"
                            + " -c replaceExistingTriggers=true to replace them (they are restored when the stack is deleted).");
        }
        return new Plan(pool, triggers, ours ? CustomAuthTriggers.none() : current);
    }

    /**
     * Writes a plan and reads the pool back.
     *
     * @throws IllegalStateException when, read back, the pool's custom-auth triggers are not the ones written (someone
     *     changed the pool at the same time)
     */
    public void apply(Plan plan) {
        if (!plan.changesPool()) {
            return;
        }
        cognito.updateUserPool(UserPoolMerge.updateRequest(plan.pool(), plan.target()));
        CustomAuthTriggers after =
                CustomAuthTriggers.of(describe(plan.pool().id()).lambdaConfig());
        if (!after.equals(plan.target())) {
            throw new IllegalStateException("User pool " + plan.pool().id() + " changed while the triggers were being"
                    + " attached: it now has " + describe(after) + " instead of " + describe(plan.target())
                    + ". Someone else updated the pool at the same time (UpdateUserPool has no condition); check its"
                    + " other settings too, then deploy again.");
        }
    }

    /**
     * Points the pool's three custom-auth triggers at {@code triggers}, keeping everything else: {@link #plan} then
     * {@link #apply}.
     *
     * @return the custom-auth triggers the pool had before, to restore on detach
     */
    public CustomAuthTriggers attach(
            String userPoolId, CustomAuthTriggers triggers, CustomAuthTriggers alsoOurs, boolean replaceExisting) {
        Plan plan = plan(userPoolId, triggers, alsoOurs, replaceExisting);
        apply(plan);
        return plan.previous();
    }

    /**
     * Puts {@code previous} back in place of {@code ours}, trigger by trigger, keeping everything else: a trigger that
     * someone else changed since the attachment stays as it is, the others are restored. Does nothing when none is
     * still ours or the pool is gone.
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
        CustomAuthTriggers current = CustomAuthTriggers.of(pool.lambdaConfig());
        CustomAuthTriggers restored = new CustomAuthTriggers(
                Objects.equals(current.define(), ours.define()) ? previous.define() : current.define(),
                Objects.equals(current.create(), ours.create()) ? previous.create() : current.create(),
                Objects.equals(current.verify(), ours.verify()) ? previous.verify() : current.verify());
        int kept = (Objects.equals(current.define(), ours.define()) ? 0 : 1)
                + (Objects.equals(current.create(), ours.create()) ? 0 : 1)
                + (Objects.equals(current.verify(), ours.verify()) ? 0 : 1);
        if (kept == 3) {
            return DetachOutcome.CHANGED_SINCE;
        }
        cognito.updateUserPool(UserPoolMerge.updateRequest(pool, restored));
        if (!CustomAuthTriggers.of(describe(userPoolId).lambdaConfig()).equals(restored)) {
            return DetachOutcome.CONCURRENT_CHANGE;
        }
        return kept == 0 ? DetachOutcome.RESTORED : DetachOutcome.PARTLY_RESTORED;
    }

    /**
     * Makes {@code arn} the pool's post confirmation trigger when the pool has none, or has {@code alsoOurs} (an
     * earlier version of ours); a post confirmation trigger of the pool's own is never replaced. Keeps everything else.
     *
     * @param userPoolId the pool
     * @param arn Stepwise's post confirmation function (a Lambda ARN)
     * @param alsoOurs the post confirmation ARN an earlier version of this attachment set, or {@code null}
     * @return what was done
     * @throws IllegalArgumentException when {@code arn} is not a Lambda ARN
     * @throws IllegalStateException when, read back, the pool's post confirmation trigger is not the one written
     */
    public PostConfirmationOutcome attachPostConfirmation(String userPoolId, String arn, String alsoOurs) {
        if (arn == null || !LAMBDA_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("Not a Lambda function ARN: " + arn);
        }
        UserPoolType pool = describe(userPoolId);
        String current = postConfirmation(pool);
        if (arn.equals(current)) {
            return PostConfirmationOutcome.ALREADY_ATTACHED;
        }
        if (current != null && !current.equals(alsoOurs)) {
            return PostConfirmationOutcome.KEPT_OWN;
        }
        writePostConfirmation(pool, arn);
        String after = postConfirmation(describe(userPoolId));
        if (!arn.equals(after)) {
            throw new IllegalStateException("User pool " + userPoolId + " changed while post confirmation was being"
                    + " attached: it now has PostConfirmation=" + after + ". Someone else updated the pool at the same"
                    + " time (UpdateUserPool has no condition); check its other settings too, then deploy again.");
        }
        return PostConfirmationOutcome.ATTACHED;
    }

    /**
     * Removes {@code ours} as the pool's post confirmation trigger, if it still is; a trigger someone else put there
     * since stays. Keeps everything else.
     *
     * @return whether the pool was changed
     */
    public boolean detachPostConfirmation(String userPoolId, String ours) {
        UserPoolType pool;
        try {
            pool = describe(userPoolId);
        } catch (ResourceNotFoundException e) {
            return false;
        }
        if (ours == null || !ours.equals(postConfirmation(pool))) {
            return false;
        }
        writePostConfirmation(pool, null);
        return true;
    }

    private static String postConfirmation(UserPoolType pool) {
        String arn = pool.lambdaConfig() == null ? null : pool.lambdaConfig().postConfirmation();
        return arn == null || arn.isBlank() ? null : arn;
    }

    private void writePostConfirmation(UserPoolType pool, String arn) {
        LambdaConfigType base =
                pool.lambdaConfig() == null ? LambdaConfigType.builder().build() : pool.lambdaConfig();
        UserPoolType changed = pool.toBuilder()
                .lambdaConfig(base.toBuilder().postConfirmation(arn).build())
                .build();
        cognito.updateUserPool(UserPoolMerge.updateRequest(changed, CustomAuthTriggers.of(pool.lambdaConfig())));
    }

    private static void requireArns(CustomAuthTriggers triggers) {
        if (!triggers.isComplete()) {
            throw new IllegalArgumentException("All three custom-auth trigger ARNs are required, got " + triggers);
        }
        List<String> wrong = new ArrayList<>();
        for (String arn : List.of(triggers.define(), triggers.create(), triggers.verify())) {
            if (!LAMBDA_ARN.matcher(arn).matches()) {
                wrong.add(arn);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("Not Lambda function ARNs: " + wrong);
        }
    }

    private UserPoolType describe(String userPoolId) {
        return cognito.describeUserPool(b -> b.userPoolId(userPoolId)).userPool();
    }

    private static String describe(CustomAuthTriggers triggers) {
        return "DefineAuthChallenge=" + triggers.define() + ", CreateAuthChallenge=" + triggers.create()
                + ", VerifyAuthChallengeResponse=" + triggers.verify();
    }
}
