package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.srp.SrpVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's own account operations around sign-in: confirming a sign-up, resetting and changing a password, changing
 * and verifying attributes, deleting the account; and the admin's password reset. Codes go through
 * {@link CognitoMessages} to the mailbox. Errors and messages follow the Cognito API reference; where it gives no
 * message, the emulator's wording is marked in docs/emulator.md.
 */
final class AccountOperations implements OperationSet {

    private static final String NOT_FOUND = "Username/client id combination not found.";
    private static final Set<String> VERIFIABLE = Set.of("email", "phone_number");

    private final Directory directory;
    private final TokenService tokens;
    private final CognitoMessages messages;
    private final PostConfirmationTrigger postConfirmation;
    private final Clock clock;
    private final Runnable onChange;

    AccountOperations(
            Directory directory,
            TokenService tokens,
            CognitoMessages messages,
            PostConfirmationTrigger postConfirmation,
            Clock clock,
            Runnable onChange) {
        this.directory = directory;
        this.tokens = tokens;
        this.messages = messages;
        this.postConfirmation = postConfirmation;
        this.clock = clock;
        this.onChange = onChange;
    }

    @Override
    public void register(Map<String, Operation> operations) {
        Operation signUp = operations.get("SignUp");
        operations.put("SignUp", changing((input, context) -> signUp(signUp, input, context)));
        operations.put("ConfirmSignUp", changing(this::confirmSignUp));
        operations.put("ResendConfirmationCode", this::resendConfirmationCode);
        operations.put("ForgotPassword", this::forgotPassword);
        operations.put("ConfirmForgotPassword", changing(this::confirmForgotPassword));
        operations.put("AdminResetUserPassword", changing(this::adminResetUserPassword));
        operations.put("ChangePassword", changing(this::changePassword));
        operations.put("UpdateUserAttributes", changing(this::updateUserAttributes));
        operations.put("DeleteUserAttributes", changing(this::deleteUserAttributes));
        operations.put("GetUserAttributeVerificationCode", this::getUserAttributeVerificationCode);
        operations.put("VerifyUserAttribute", changing(this::verifyUserAttribute));
        operations.put("DeleteUser", changing(this::deleteUser));
    }

    private Operation changing(Operation operation) {
        return (input, context) -> {
            ObjectNode result = operation.apply(input, context);
            onChange.run();
            return result;
        };
    }

    /** SignUp as before, then the confirmation code to the first of the pool's {@code AutoVerifiedAttributes}. */
    private ObjectNode signUp(Operation original, Input input, RequestContext context) {
        ObjectNode result = original.apply(input, context);
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        UserPool pool = directory.pool(client.userPoolId);
        String sub = result.path("UserSub").asText();
        UserRecord user = pool.users.values().stream()
                .filter(u -> sub.equals(u.sub()))
                .findFirst()
                .orElse(null);
        String attribute = user == null ? null : autoVerified(pool, user);
        if (attribute != null) {
            result.set(
                    "CodeDeliveryDetails", messages.sendCode(pool, user, attribute, CognitoMessages.Purpose.SIGN_UP));
        }
        return result;
    }

    /** Post confirmation runs before the user is stored as confirmed: when it fails, the user stays unconfirmed. */
    private ObjectNode confirmSignUp(Input input, RequestContext context) {
        ClientUser subject = clientUser(input);
        String code = input.required("ConfirmationCode", 1, 2048);
        input.optionalBoolean("ForceAliasCreation");
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        UserRecord user = subject.user();
        if (!"UNCONFIRMED".equals(user.status())) {
            throw CognitoException.notAuthorized("User cannot be confirmed. Current status is " + user.status());
        }
        messages.check(subject.pool(), user, CognitoMessages.Purpose.SIGN_UP, code);
        String attribute = autoVerified(subject.pool(), user);
        Instant now = clock.instant();
        java.util.function.UnaryOperator<UserRecord> confirm = u -> {
            UserRecord confirmed = u.withStatus("CONFIRMED", now);
            return attribute == null
                    ? confirmed
                    : confirmed.withAttributes(Map.of(attribute + "_verified", "true"), now);
        };
        postConfirmation.run(
                subject.pool(),
                subject.client().clientId,
                confirm.apply(user),
                PostConfirmationTrigger.Source.CONFIRM_SIGN_UP,
                clientMetadata,
                context);
        subject.pool().users.computeIfPresent(subject.pool().key(user.username()), (k, u) -> confirm.apply(u));
        return JsonCodec.object();
    }

    private ObjectNode resendConfirmationCode(Input input, RequestContext context) {
        ClientUser subject = clientUser(input);
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        if (!"UNCONFIRMED".equals(subject.user().status())) {
            throw CognitoException.invalidParameter("User is already confirmed.");
        }
        String attribute = autoVerified(subject.pool(), subject.user());
        if (attribute == null) {
            throw CognitoException.invalidParameter("Auto verification not turned on.");
        }
        ObjectNode result = JsonCodec.object();
        result.set(
                "CodeDeliveryDetails",
                messages.sendCode(subject.pool(), subject.user(), attribute, CognitoMessages.Purpose.SIGN_UP));
        return result;
    }

    private ObjectNode forgotPassword(Input input, RequestContext context) {
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        UserPool pool = directory.pool(client.userPoolId);
        String username = input.required("Username", 1, 128, Input.USERNAME);
        SecretHash.check(client, username, input.optional("SecretHash", 1, 128));
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        UserRecord user = pool.resolve(username);
        ObjectNode result = JsonCodec.object();
        if (user == null) {
            if (!client.preventUserExistenceErrors) {
                throw new CognitoException("UserNotFoundException", NOT_FOUND);
            }
            result.set("CodeDeliveryDetails", CognitoMessages.deliveryDetails(username, "email"));
            return result;
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        result.set(
                "CodeDeliveryDetails",
                messages.sendCode(pool, user, recovery(pool, user), CognitoMessages.Purpose.RESET_PASSWORD));
        return result;
    }

    /**
     * Post confirmation runs before the new password is stored: when it fails, the old password stays (and the code is
     * spent), so a reset is never half done.
     */
    private ObjectNode confirmForgotPassword(Input input, RequestContext context) {
        ClientUser subject = clientUser(input);
        String code = input.required("ConfirmationCode", 1, 2048);
        String password = input.required("Password", 0, 256);
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        ManagementOperations.checkPassword(subject.pool(), password);
        messages.check(subject.pool(), subject.user(), CognitoMessages.Purpose.RESET_PASSWORD, code);
        UserRecord user = subject.user();
        postConfirmation.run(
                subject.pool(),
                subject.client().clientId,
                "UNCONFIRMED".equals(user.status()) ? user : user.withStatus("CONFIRMED", clock.instant()),
                PostConfirmationTrigger.Source.CONFIRM_FORGOT_PASSWORD,
                clientMetadata,
                context);
        setPassword(subject.pool(), user, password);
        return JsonCodec.object();
    }

    private ObjectNode adminResetUserPassword(Input input, RequestContext context) {
        UserPool pool = directory.pool(input.required("UserPoolId", 1, 55, Input.USER_POOL_ID));
        UserRecord user = pool.resolve(input.required("Username", 1, 128, Input.USERNAME));
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        String attribute = recovery(pool, user);
        Instant now = clock.instant();
        pool.users.computeIfPresent(pool.key(user.username()), (k, u) -> u.withStatus("RESET_REQUIRED", now));
        tokens.signOutEverywhere(pool.id, user.username());
        messages.sendCode(pool, user, attribute, CognitoMessages.Purpose.RESET_PASSWORD);
        return JsonCodec.object();
    }

    private ObjectNode changePassword(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        String previous = input.required("PreviousPassword", 0, 256);
        String proposed = input.required("ProposedPassword", 0, 256);
        if (!matches(signed.pool(), signed.user(), previous)) {
            throw CognitoException.incorrectCredentials();
        }
        ManagementOperations.checkPassword(signed.pool(), proposed);
        setPassword(signed.pool(), signed.user(), proposed);
        return JsonCodec.object();
    }

    /**
     * Changing {@code email} or {@code phone_number} marks it unverified and, when the pool auto-verifies it, sends a
     * code ({@code CodeDeliveryDetailsList}).
     */
    private ObjectNode updateUserAttributes(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        if (!input.has("UserAttributes")) {
            throw CognitoException.validation("userAttributes", null, "Member must not be null");
        }
        Map<String, String> changes = new HashMap<>(input.attributes("UserAttributes"));
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        if (changes.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
        }
        for (String name : changes.keySet()) {
            if (name.endsWith("_verified")) {
                throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute " + name);
            }
        }
        PoolRules.checkAttributes(signed.pool(), changes);
        UserRecord before = signed.user();
        Map<String, String> all = new HashMap<>(changes);
        ManagementOperations.unverifyChanged(before, changes, all);
        Instant now = clock.instant();
        UserPool pool = signed.pool();
        UserRecord after =
                pool.users.computeIfPresent(pool.key(before.username()), (k, u) -> u.withAttributes(all, now));
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("CodeDeliveryDetailsList");
        for (String attribute : List.of("email", "phone_number")) {
            if (after != null
                    && changes.containsKey(attribute)
                    && !changes.get(attribute).equals(before.attributes().get(attribute))
                    && autoVerifies(pool, attribute)) {
                list.add(messages.sendCode(pool, after, attribute, purpose(attribute)));
            }
        }
        return result;
    }

    private ObjectNode deleteUserAttributes(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        List<String> names = input.stringList("UserAttributeNames", 100);
        if (names == null) {
            throw CognitoException.validation("userAttributeNames", null, "Member must not be null");
        }
        Instant now = clock.instant();
        signed.pool()
                .users
                .computeIfPresent(
                        signed.pool().key(signed.user().username()), (k, u) -> u.withoutAttributes(names, now));
        return JsonCodec.object();
    }

    private ObjectNode getUserAttributeVerificationCode(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        String attribute = input.required("AttributeName", 1, 32);
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        if (!VERIFIABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid attribute name: " + attribute);
        }
        if (signed.user().attributes().get(attribute) == null) {
            throw CognitoException.invalidParameter("User does not have a value for the attribute: " + attribute);
        }
        ObjectNode result = JsonCodec.object();
        result.set(
                "CodeDeliveryDetails", messages.sendCode(signed.pool(), signed.user(), attribute, purpose(attribute)));
        return result;
    }

    private ObjectNode verifyUserAttribute(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        String attribute = input.required("AttributeName", 1, 32);
        String code = input.required("Code", 1, 2048);
        if (!VERIFIABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid attribute name: " + attribute);
        }
        messages.check(signed.pool(), signed.user(), purpose(attribute), code);
        Instant now = clock.instant();
        signed.pool()
                .users
                .computeIfPresent(
                        signed.pool().key(signed.user().username()),
                        (k, u) -> u.withAttributes(Map.of(attribute + "_verified", "true"), now));
        return JsonCodec.object();
    }

    private ObjectNode deleteUser(Input input, RequestContext context) {
        Signed signed = signedIn(input);
        UserPool pool = signed.pool();
        pool.users.remove(pool.key(signed.user().username()));
        pool.forget(signed.user().username());
        tokens.signOutEverywhere(pool.id, signed.user().username());
        return JsonCodec.object();
    }

    private record ClientUser(AppClient client, UserPool pool, UserRecord user) {}

    private record Signed(UserPool pool, UserRecord user) {}

    /** The client and user of an unauthenticated user operation (ClientId, Username, SecretHash). */
    private ClientUser clientUser(Input input) {
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        UserPool pool = directory.pool(client.userPoolId);
        String username = input.required("Username", 1, 128, Input.USERNAME);
        SecretHash.check(client, username, input.optional("SecretHash", 1, 128));
        UserRecord user = pool.resolve(username);
        if (user == null) {
            throw new CognitoException("UserNotFoundException", NOT_FOUND);
        }
        return new ClientUser(client, pool, user);
    }

    /** The user behind a valid, unrevoked access token. */
    private Signed signedIn(Input input) {
        TokenService.AccessClaims claims = tokens.access(input.required("AccessToken", 1, 100_000));
        UserPool pool = directory.pool(claims.userPoolId());
        UserRecord user = pool.users.get(pool.key(claims.username()));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        return new Signed(pool, user);
    }

    private void setPassword(UserPool pool, UserRecord user, String password) {
        Instant now = clock.instant();
        SrpVerifier credential = ManagementOperations.credential(pool, user.username(), password);
        pool.users.computeIfPresent(
                pool.key(user.username()),
                (k, u) -> u.withCredential(
                        credential, "UNCONFIRMED".equals(u.status()) ? "UNCONFIRMED" : "CONFIRMED", now));
    }

    static boolean matches(UserPool pool, UserRecord user, String password) {
        SrpVerifier stored = user.credential();
        return stored != null
                && MessageDigest.isEqual(
                        SrpVerifier.create(pool.id, user.username(), password, stored.salt())
                                .verifier()
                                .getBytes(StandardCharsets.US_ASCII),
                        stored.verifier().getBytes(StandardCharsets.US_ASCII));
    }

    /** The first of the pool's {@code AutoVerifiedAttributes} (email before phone) that the user has, or null. */
    private static String autoVerified(UserPool pool, UserRecord user) {
        for (String attribute : List.of("email", "phone_number")) {
            if (autoVerifies(pool, attribute) && user.attributes().get(attribute) != null) {
                return attribute;
            }
        }
        return null;
    }

    private static boolean autoVerifies(UserPool pool, String attribute) {
        for (JsonNode value : pool.config().settings().path("AutoVerifiedAttributes")) {
            if (attribute.equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a reset code goes: the pool's {@code AccountRecoverySetting} in priority order, else a verified phone
     * number, then a verified email (Cognito's behaviour without the setting); only verified values count.
     */
    private static String recovery(UserPool pool, UserRecord user) {
        List<String> order = new java.util.ArrayList<>();
        JsonNode mechanisms =
                pool.config().settings().path("AccountRecoverySetting").path("RecoveryMechanisms");
        if (mechanisms.isArray() && !mechanisms.isEmpty()) {
            List<JsonNode> sorted = new java.util.ArrayList<>();
            mechanisms.forEach(sorted::add);
            sorted.sort(
                    java.util.Comparator.comparingInt(m -> m.path("Priority").asInt()));
            for (JsonNode m : sorted) {
                String name = m.path("Name").asText();
                if (name.equals("verified_email")) {
                    order.add("email");
                } else if (name.equals("verified_phone_number")) {
                    order.add("phone_number");
                }
            }
        } else {
            order.add("phone_number");
            order.add("email");
        }
        for (String attribute : order) {
            if (user.attributes().get(attribute) != null
                    && "true".equals(user.attributes().get(attribute + "_verified"))) {
                return attribute;
            }
        }
        throw CognitoException.invalidParameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }

    private static CognitoMessages.Purpose purpose(String attribute) {
        return attribute.equals("email")
                ? CognitoMessages.Purpose.VERIFY_EMAIL
                : CognitoMessages.Purpose.VERIFY_PHONE_NUMBER;
    }
}
