package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.srp.SrpServer;
import dev.stepwise.harness.srp.SrpVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-in and token operations: InitiateAuth and RespondToAuthChallenge (and their Admin variants) for CUSTOM_AUTH,
 * USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, plus GetUser, GlobalSignOut, AdminUserGlobalSignOut and RevokeToken.
 *
 * <p>The custom flow follows the Cognito reference (shared/reference/cognito-custom-auth.md §2): Define decides, Create
 * builds each challenge, Verify checks each answer; one merged history entry per round; a new single-use Session per
 * challenge; ClientMetadata from InitiateAuth is not passed to the triggers.
 */
final class AuthOperations {

    static final List<String> AUTH_FLOWS = List.of(
            "USER_SRP_AUTH",
            "REFRESH_TOKEN_AUTH",
            "REFRESH_TOKEN",
            "CUSTOM_AUTH",
            "ADMIN_NO_SRP_AUTH",
            "USER_PASSWORD_AUTH",
            "ADMIN_USER_PASSWORD_AUTH",
            "USER_AUTH");

    static final List<String> CHALLENGE_NAMES = List.of(
            "SMS_MFA",
            "EMAIL_OTP",
            "SOFTWARE_TOKEN_MFA",
            "SELECT_MFA_TYPE",
            "MFA_SETUP",
            "PASSWORD_VERIFIER",
            "CUSTOM_CHALLENGE",
            "SELECT_CHALLENGE",
            "DEVICE_SRP_AUTH",
            "DEVICE_PASSWORD_VERIFIER",
            "ADMIN_NO_SRP_AUTH",
            "NEW_PASSWORD_REQUIRED",
            "SMS_OTP",
            "PASSWORD",
            "WEB_AUTHN",
            "PASSWORD_SRP");

    private static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    private static final String PASSWORD_VERIFIER = "PASSWORD_VERIFIER";
    private static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    private static final String NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool.";

    /** Who is signing in: the pool, client and user (null when unknown and existence errors are prevented). */
    private record Subject(UserPool pool, AppClient client, UserRecord user, String username, boolean userNotFound) {}

    private final Directory directory;
    private final TriggerInvoker triggers;
    private final AuthSessions sessions;
    private final TokenService tokens;
    private final String region;
    private final UndecidedDefine undecided;
    private final AuthTriggers authTriggers;

    AuthOperations(
            Directory directory,
            TriggerInvoker triggers,
            AuthSessions sessions,
            TokenService tokens,
            String region,
            UndecidedDefine undecided) {
        this.directory = directory;
        this.triggers = triggers;
        this.sessions = sessions;
        this.tokens = tokens;
        this.region = region;
        this.undecided = undecided;
        this.authTriggers = new AuthTriggers(triggers, region);
    }

    void register(Map<String, Operation> operations) {
        operations.put("InitiateAuth", (input, context) -> initiate(input, context, false));
        operations.put("AdminInitiateAuth", (input, context) -> initiate(input, context, true));
        operations.put("RespondToAuthChallenge", (input, context) -> respond(input, context, false));
        operations.put("AdminRespondToAuthChallenge", (input, context) -> respond(input, context, true));
        operations.put("GetUser", this::getUser);
        operations.put("GlobalSignOut", this::globalSignOut);
        operations.put("AdminUserGlobalSignOut", this::adminUserGlobalSignOut);
        operations.put("RevokeToken", this::revokeToken);
        operations.put("GetTokensFromRefreshToken", this::getTokensFromRefreshToken);
    }

    private ObjectNode initiate(Input input, RequestContext context, boolean admin) {
        Map<String, String> parameters = input.stringMap("AuthParameters", Input.MAP_VALUE_MAX);
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        input.optionalObject("AnalyticsMetadata");
        input.optionalObject("UserContextData");
        input.optionalObject("ContextData");
        String poolId = admin ? input.required("UserPoolId", 1, 55, Input.USER_POOL_ID) : null;
        String clientId = input.required("ClientId", 1, 128, Input.CLIENT_ID);
        String flow = input.requiredEnum("AuthFlow", AUTH_FLOWS);
        input.optional("Session", 20, 2048);
        AppClient client = admin ? directory.client(poolId, clientId) : directory.client(clientId);
        UserPool pool = directory.pool(client.userPoolId);
        return switch (flow) {
            case "CUSTOM_AUTH" -> initiateCustom(pool, client, parameters, clientMetadata, context);
            case "USER_SRP_AUTH" -> initiateSrp(pool, client, parameters, clientMetadata, context);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refresh(pool, client, parameters, clientMetadata, context);
            case "USER_PASSWORD_AUTH" -> passwordAuth(
                    pool, client, parameters, "USER_PASSWORD_AUTH", clientMetadata, context);
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> {
                if (!admin) {
                    throw CognitoException.invalidParameter("Initiate Auth method not supported.");
                }
                yield passwordAuth(pool, client, parameters, "ADMIN_USER_PASSWORD_AUTH", clientMetadata, context);
            }
            default -> throw CognitoException.invalidParameter(
                    "The Stepwise emulator does not support AuthFlow " + flow + "; it supports CUSTOM_AUTH,"
                            + " USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH.");
        };
    }

    private ObjectNode initiateCustom(
            UserPool pool,
            AppClient client,
            Map<String, String> parameters,
            Map<String, String> clientMetadata,
            RequestContext context) {
        requireFlow(client, "CUSTOM_AUTH");
        if (pool.config().triggerArn(Trigger.DEFINE.configKey) == null) {
            throw CognitoException.invalidParameter(NOT_CONFIGURED);
        }
        Subject subject = subject(pool, client, parameters);
        authTriggers.preAuthentication(pool, client, subject.user(), clientMetadata, context);
        List<AuthSessions.Round> history = new ArrayList<>();
        String srpA = null;
        if ("SRP_A".equals(parameters.get("CHALLENGE_NAME"))) {
            srpA = required(parameters, "SRP_A");
            history.add(new AuthSessions.Round("SRP_A", true, null));
        }
        return step(subject, "CUSTOM_AUTH", history, null, context, srpA);
    }

    private ObjectNode initiateSrp(
            UserPool pool,
            AppClient client,
            Map<String, String> parameters,
            Map<String, String> clientMetadata,
            RequestContext context) {
        requireFlow(client, "USER_SRP_AUTH");
        Subject subject = subject(pool, client, parameters);
        authTriggers.preAuthentication(pool, client, subject.user(), clientMetadata, context);
        String srpA = required(parameters, "SRP_A");
        return passwordVerifier(subject, "USER_SRP_AUTH", List.of(), srpA);
    }

    /** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password is checked against the stored SRP verifier. */
    private ObjectNode passwordAuth(
            UserPool pool,
            AppClient client,
            Map<String, String> parameters,
            String flow,
            Map<String, String> clientMetadata,
            RequestContext context) {
        requireFlow(client, flow);
        String username = required(parameters, "USERNAME");
        String password = required(parameters, "PASSWORD");
        SecretHash.check(client, username, parameters.get("SECRET_HASH"));
        UserRecord user = pool.resolve(username);
        if (user == null) {
            if (!client.preventUserExistenceErrors) {
                throw CognitoException.userNotFound();
            }
            throw CognitoException.incorrectCredentials();
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        authTriggers.preAuthentication(pool, client, user, clientMetadata, context);
        SrpVerifier stored = user.credential();
        boolean correct = stored != null
                && java.security.MessageDigest.isEqual(
                        SrpVerifier.create(pool.id, user.username(), password, stored.salt())
                                .verifier()
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        stored.verifier().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!correct) {
            throw CognitoException.incorrectCredentials();
        }
        checkUsable(user);
        Subject subject = new Subject(pool, client, user, user.username(), false);
        if ("FORCE_CHANGE_PASSWORD".equals(user.status())) {
            return newPasswordRequired(subject, flow);
        }
        return authenticated(subject, clientMetadata, context);
    }

    /**
     * The built-in challenge for a user created with a temporary password: the attributes as JSON, the required ones
     * (the emulator enforces no schema, so none), and a session for the answer.
     */
    private ObjectNode newPasswordRequired(Subject subject, String flow) {
        AuthSessions.Pending pending = new AuthSessions.Pending(
                flow,
                subject.pool().id,
                subject.client().clientId,
                subject.username(),
                false,
                List.of(),
                NEW_PASSWORD_REQUIRED,
                Map.of(),
                null,
                null);
        String session = sessions.open(pending, subject.client().authSessionValidity);
        ObjectNode attributes = JsonCodec.object();
        subject.user().attributes().forEach((name, value) -> {
            if (!name.equals("sub")) {
                attributes.put(name, value);
            }
        });
        ObjectNode result = JsonCodec.object();
        result.put("ChallengeName", NEW_PASSWORD_REQUIRED);
        result.put("Session", session);
        ObjectNode parameters = result.putObject("ChallengeParameters");
        parameters.put("USER_ID_FOR_SRP", subject.username());
        parameters.put("requiredAttributes", "[]");
        parameters.put("userAttributes", attributes.toString());
        return result;
    }

    /** NEW_PASSWORD_REQUIRED answered: the new password (checked against the policy) and any attributes it sets. */
    private ObjectNode newPassword(
            Subject subject,
            Map<String, String> responses,
            Map<String, String> clientMetadata,
            RequestContext context) {
        String password = required(responses, "NEW_PASSWORD");
        Map<String, String> attributes = new LinkedHashMap<>();
        responses.forEach((name, value) -> {
            if (name.startsWith("userAttributes.")) {
                attributes.put(name.substring("userAttributes.".length()), value);
            }
        });
        if (attributes.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
        }
        UserPool pool = subject.pool();
        PoolRules.checkAttributes(pool, attributes);
        ManagementOperations.checkPassword(pool, password);
        java.time.Instant now = sessions.clock().instant();
        UserRecord updated = pool.users.computeIfPresent(pool.key(subject.username()), (k, u) -> u.withAttributes(
                        attributes, now)
                .withCredential(ManagementOperations.credential(pool, u.username(), password), "CONFIRMED", now));
        if (updated == null) {
            throw CognitoException.incorrectCredentials();
        }
        return authenticated(
                new Subject(pool, subject.client(), updated, updated.username(), false),
                clientMetadata,
                context,
                AuthTriggers.TokenSource.NEW_PASSWORD_CHALLENGE);
    }

    private Subject subject(UserPool pool, AppClient client, Map<String, String> parameters) {
        String username = required(parameters, "USERNAME");
        SecretHash.check(client, username, parameters.get("SECRET_HASH"));
        UserRecord user = pool.resolve(username);
        if (user == null) {
            if (!client.preventUserExistenceErrors) {
                throw CognitoException.userNotFound();
            }
            return new Subject(pool, client, null, username, true);
        }
        checkUsable(user);
        return new Subject(pool, client, user, user.username(), false);
    }

    private static void checkUsable(UserRecord user) {
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        if ("UNCONFIRMED".equals(user.status())) {
            throw new CognitoException("UserNotConfirmedException", "User is not confirmed.");
        }
        if ("RESET_REQUIRED".equals(user.status())) {
            throw new CognitoException("PasswordResetRequiredException", "Password reset required for the user");
        }
    }

    /** One Define decision and what follows from it: tokens, failure, or the next challenge. */
    private ObjectNode step(
            Subject subject,
            String flow,
            List<AuthSessions.Round> history,
            Map<String, String> clientMetadata,
            RequestContext context,
            String srpA) {
        ObjectNode define = event(Trigger.DEFINE, subject, context);
        ObjectNode request = (ObjectNode) define.get("request");
        request.set("session", sessionArray(history));
        putClientMetadata(request, clientMetadata);
        putUserNotFound(request, subject);
        ObjectNode response = define.putObject("response");
        response.putNull("challengeName");
        response.putNull("issueTokens");
        response.putNull("failAuthentication");
        JsonNode decision = invoke(Trigger.DEFINE, subject, define);
        if (flag(decision, "failAuthentication")) {
            throw CognitoException.incorrectCredentials();
        }
        if (flag(decision, "issueTokens")) {
            if (subject.userNotFound()) {
                throw CognitoException.incorrectCredentials();
            }
            return authenticated(subject, clientMetadata, context);
        }
        String challengeName = text(decision, "challengeName");
        if (CUSTOM_CHALLENGE.equals(challengeName)) {
            return customChallenge(subject, flow, history, clientMetadata, context);
        }
        if (PASSWORD_VERIFIER.equals(challengeName)
                && srpA != null
                && history.size() == 1
                && history.get(0).challengeName().equals("SRP_A")) {
            return passwordVerifier(subject, flow, history, srpA);
        }
        if (undecided == UndecidedDefine.FAIL_AUTHENTICATION) {
            throw CognitoException.incorrectCredentials();
        }
        throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }

    private ObjectNode customChallenge(
            Subject subject,
            String flow,
            List<AuthSessions.Round> history,
            Map<String, String> clientMetadata,
            RequestContext context) {
        if (subject.pool().config().triggerArn(Trigger.CREATE.configKey) == null) {
            throw CognitoException.invalidParameter(NOT_CONFIGURED);
        }
        ObjectNode create = event(Trigger.CREATE, subject, context);
        ObjectNode request = (ObjectNode) create.get("request");
        request.put("challengeName", CUSTOM_CHALLENGE);
        request.set("session", sessionArray(history));
        putClientMetadata(request, clientMetadata);
        putUserNotFound(request, subject);
        ObjectNode response = create.putObject("response");
        response.putNull("publicChallengeParameters");
        response.putNull("privateChallengeParameters");
        response.putNull("challengeMetadata");
        JsonNode challenge = invoke(Trigger.CREATE, subject, create);
        Map<String, String> publicParameters = stringMap(challenge, "publicChallengeParameters");
        Map<String, String> privateParameters = stringMap(challenge, "privateChallengeParameters");
        String metadata = text(challenge, "challengeMetadata");
        if (privateParameters.isEmpty()) {
            throw CognitoException.incorrectCredentials();
        }
        AuthSessions.Pending pending = new AuthSessions.Pending(
                flow,
                subject.pool().id,
                subject.client().clientId,
                subject.username(),
                subject.userNotFound(),
                history,
                CUSTOM_CHALLENGE,
                Map.copyOf(privateParameters),
                metadata,
                null);
        String session = sessions.open(pending, subject.client().authSessionValidity);
        ObjectNode result = JsonCodec.object();
        result.put("ChallengeName", CUSTOM_CHALLENGE);
        result.put("Session", session);
        ObjectNode parameters = result.putObject("ChallengeParameters");
        publicParameters.forEach(parameters::put);
        parameters.put("USERNAME", subject.username());
        return result;
    }

    private ObjectNode passwordVerifier(Subject subject, String flow, List<AuthSessions.Round> history, String srpA) {
        SrpVerifier verifier = subject.user() == null ? null : subject.user().credential();
        if (verifier == null) {
            verifier = SrpVerifier.create(subject.pool().id, subject.username(), Ids.token(32));
        }
        SrpServer srp;
        try {
            srp = SrpServer.create(subject.pool().id, subject.username(), verifier, srpA);
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidParameter("SRP_A is not a valid SRP public value.");
        }
        var challenge = srp.challenge();
        AuthSessions.Pending pending = new AuthSessions.Pending(
                flow,
                subject.pool().id,
                subject.client().clientId,
                subject.username(),
                subject.userNotFound() || subject.user().credential() == null,
                history,
                PASSWORD_VERIFIER,
                Map.of(),
                null,
                srp);
        String session = sessions.open(pending, subject.client().authSessionValidity, challenge.secretBlock());
        ObjectNode result = JsonCodec.object();
        result.put("ChallengeName", PASSWORD_VERIFIER);
        result.put("Session", session);
        ObjectNode parameters = result.putObject("ChallengeParameters");
        parameters.put("SALT", challenge.salt());
        parameters.put("SECRET_BLOCK", challenge.secretBlock());
        parameters.put("SRP_B", challenge.srpB());
        parameters.put("USERNAME", subject.username());
        parameters.put("USER_ID_FOR_SRP", challenge.userIdForSrp());
        return result;
    }

    private ObjectNode respond(Input input, RequestContext context, boolean admin) {
        Map<String, String> responses = input.stringMap("ChallengeResponses", Input.MAP_VALUE_MAX);
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        input.optionalObject("AnalyticsMetadata");
        input.optionalObject("UserContextData");
        input.optionalObject("ContextData");
        String poolId = admin ? input.required("UserPoolId", 1, 55, Input.USER_POOL_ID) : null;
        String clientId = input.required("ClientId", 1, 128, Input.CLIENT_ID);
        String challengeName = input.requiredEnum("ChallengeName", CHALLENGE_NAMES);
        String session = input.optional("Session", 20, 2048);
        AppClient client = admin ? directory.client(poolId, clientId) : directory.client(clientId);
        String username = required(responses, "USERNAME");
        SecretHash.check(client, username, responses.get("SECRET_HASH"));
        if (session == null && PASSWORD_VERIFIER.equals(challengeName)) {
            String block = responses.get("PASSWORD_CLAIM_SECRET_BLOCK");
            session = block == null ? null : sessions.byAlias(block);
        }
        if (session == null) {
            throw CognitoException.invalidParameter("Missing required parameter Session");
        }
        AuthSessions.Pending pending = sessions.peek(session);
        if (!pending.clientId().equals(client.clientId)) {
            throw CognitoException.invalidSession();
        }
        if (!pending.challengeName().equals(challengeName)) {
            throw CognitoException.invalidParameter("Invalid challenge name " + challengeName
                    + " for this session; expected " + pending.challengeName() + ".");
        }
        UserPool pool = directory.pool(pending.userPoolId());
        if (!sameUser(pool, pending, username)) {
            throw CognitoException.invalidSession();
        }
        String answer = null;
        if (NEW_PASSWORD_REQUIRED.equals(challengeName)) {
            required(responses, "NEW_PASSWORD");
            sessions.consume(session, pending);
            return newPassword(current(pool, client, pending), responses, clientMetadata, context);
        } else if (CUSTOM_CHALLENGE.equals(challengeName)) {
            answer = required(responses, "ANSWER");
        } else {
            required(responses, "PASSWORD_CLAIM_SIGNATURE");
            required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
            required(responses, "TIMESTAMP");
        }
        sessions.consume(session, pending);
        Subject subject = current(pool, client, pending);
        List<AuthSessions.Round> history = new ArrayList<>(pending.history());
        if (CUSTOM_CHALLENGE.equals(challengeName)) {
            boolean correct = verify(subject, pending, answer, clientMetadata, context);
            history.add(new AuthSessions.Round(CUSTOM_CHALLENGE, correct, pending.challengeMetadata()));
            return step(subject, pending.flow(), history, clientMetadata, context, null);
        }
        boolean passwordCorrect = !pending.userNotFound()
                && pending.srp()
                        .verify(
                                responses.get("PASSWORD_CLAIM_SECRET_BLOCK"),
                                responses.get("TIMESTAMP"),
                                responses.get("PASSWORD_CLAIM_SIGNATURE"));
        if (!passwordCorrect) {
            throw CognitoException.incorrectCredentials();
        }
        if (pending.flow().equals("USER_SRP_AUTH")) {
            if ("FORCE_CHANGE_PASSWORD".equals(subject.user().status())) {
                return newPasswordRequired(subject, pending.flow());
            }
            return authenticated(subject, clientMetadata, context);
        }
        history.add(new AuthSessions.Round(PASSWORD_VERIFIER, true, null));
        return step(subject, pending.flow(), history, clientMetadata, context, null);
    }

    private boolean sameUser(UserPool pool, AuthSessions.Pending pending, String username) {
        if (pending.username().equals(username)) {
            return true;
        }
        UserRecord user = pool.resolve(username);
        return user != null && user.username().equals(pending.username());
    }

    private Subject current(UserPool pool, AppClient client, AuthSessions.Pending pending) {
        if (pending.userNotFound()) {
            UserRecord user = pool.users.get(pool.key(pending.username()));
            return new Subject(pool, client, user, pending.username(), user == null);
        }
        UserRecord user = pool.users.get(pool.key(pending.username()));
        if (user == null) {
            throw CognitoException.incorrectCredentials();
        }
        checkUsable(user);
        return new Subject(pool, client, user, user.username(), false);
    }

    private boolean verify(
            Subject subject,
            AuthSessions.Pending pending,
            String answer,
            Map<String, String> clientMetadata,
            RequestContext context) {
        if (subject.pool().config().triggerArn(Trigger.VERIFY.configKey) == null) {
            throw CognitoException.invalidParameter(NOT_CONFIGURED);
        }
        ObjectNode verify = event(Trigger.VERIFY, subject, context);
        ObjectNode request = (ObjectNode) verify.get("request");
        ObjectNode privateParameters = request.putObject("privateChallengeParameters");
        pending.privateParameters().forEach(privateParameters::put);
        request.put("challengeAnswer", answer);
        putClientMetadata(request, clientMetadata);
        putUserNotFound(request, subject);
        verify.putObject("response").putNull("answerCorrect");
        return flag(invoke(Trigger.VERIFY, subject, verify), "answerCorrect");
    }

    private ObjectNode authenticated(Subject subject, Map<String, String> clientMetadata, RequestContext context) {
        return authenticated(subject, clientMetadata, context, AuthTriggers.TokenSource.AUTHENTICATION);
    }

    /** Post authentication, then pre token generation, then the tokens: a trigger's error leaves no tokens. */
    private ObjectNode authenticated(
            Subject subject,
            Map<String, String> clientMetadata,
            RequestContext context,
            AuthTriggers.TokenSource source) {
        authTriggers.postAuthentication(subject.pool(), subject.client(), subject.user(), clientMetadata, context);
        ClaimsOverride claims = authTriggers.preTokenGeneration(
                subject.pool(), subject.client(), subject.user(), source, clientMetadata, context);
        ObjectNode result = JsonCodec.object();
        result.putObject("ChallengeParameters");
        ObjectNode authentication = tokens.signIn(subject.pool(), subject.client(), subject.user(), claims);
        ObjectNode device = DeviceOperations.newDevice(
                subject.pool(), subject.user(), region, sessions.clock().instant());
        if (device != null) {
            authentication.set("NewDeviceMetadata", device);
        }
        result.set("AuthenticationResult", authentication);
        return result;
    }

    private ObjectNode refresh(
            UserPool pool,
            AppClient client,
            Map<String, String> parameters,
            Map<String, String> clientMetadata,
            RequestContext context) {
        requireFlow(client, "REFRESH_TOKEN_AUTH");
        String refreshToken = required(parameters, "REFRESH_TOKEN");
        TokenService.Grant grant = tokens.grant(refreshToken, client);
        UserRecord user = pool.users.get(pool.key(grant.username()));
        if (user == null) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
        }
        if (client.secret != null) {
            String presented = parameters.get("SECRET_HASH");
            try {
                SecretHash.check(client, user.username(), presented);
            } catch (CognitoException e) {
                SecretHash.check(client, user.sub(), presented);
            }
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        ClaimsOverride claims = authTriggers.preTokenGeneration(
                pool, client, user, AuthTriggers.TokenSource.REFRESH_TOKENS, clientMetadata, context);
        ObjectNode result = JsonCodec.object();
        result.putObject("ChallengeParameters");
        result.set("AuthenticationResult", tokens.refresh(pool, client, user, grant, claims));
        return result;
    }

    /** The newer refresh operation: the same grant checks and pre token generation as REFRESH_TOKEN_AUTH. */
    private ObjectNode getTokensFromRefreshToken(Input input, RequestContext context) {
        String refreshToken = input.required("RefreshToken", 1, 100_000);
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        String secret = input.optional("ClientSecret", 1, 64);
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        input.optional("DeviceKey", 1, 55);
        if (client.secret != null
                && (secret == null
                        || !java.security.MessageDigest.isEqual(
                                client.secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            throw CognitoException.notAuthorized("Client secret is missing or wrong for client " + client.clientId);
        }
        UserPool pool = directory.pool(client.userPoolId);
        requireFlow(client, "REFRESH_TOKEN_AUTH");
        TokenService.Grant grant = tokens.grant(refreshToken, client);
        UserRecord user = pool.users.get(pool.key(grant.username()));
        if (user == null) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        ClaimsOverride claims = authTriggers.preTokenGeneration(
                pool, client, user, AuthTriggers.TokenSource.REFRESH_TOKENS, clientMetadata, context);
        ObjectNode result = JsonCodec.object();
        result.set("AuthenticationResult", tokens.refresh(pool, client, user, grant, claims));
        return result;
    }

    private ObjectNode getUser(Input input, RequestContext context) {
        TokenService.AccessClaims claims = tokens.access(input.required("AccessToken", 1, 100_000));
        UserPool pool = directory.pool(claims.userPoolId());
        UserRecord user = pool.users.get(pool.key(claims.username()));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        if (!user.enabled()) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        ObjectNode result = JsonCodec.object();
        result.put("Username", user.username());
        result.set("UserAttributes", ManagementOperations.attributeList(user.attributes(), null));
        return result;
    }

    private ObjectNode globalSignOut(Input input, RequestContext context) {
        TokenService.AccessClaims claims = tokens.access(input.required("AccessToken", 1, 100_000));
        tokens.signOutEverywhere(claims.userPoolId(), claims.username());
        return JsonCodec.object();
    }

    private ObjectNode adminUserGlobalSignOut(Input input, RequestContext context) {
        UserPool pool = directory.pool(input.required("UserPoolId", 1, 55, Input.USER_POOL_ID));
        UserRecord user = pool.resolve(input.required("Username", 1, 128, Input.USERNAME));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        tokens.signOutEverywhere(pool.id, user.username());
        return JsonCodec.object();
    }

    private ObjectNode revokeToken(Input input, RequestContext context) {
        String token = input.required("Token", 1, 100_000);
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        String secret = input.optional("ClientSecret", 1, 64);
        if (client.secret != null
                && (secret == null
                        || !java.security.MessageDigest.isEqual(
                                client.secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            throw CognitoException.notAuthorized("Client secret is missing or wrong for client " + client.clientId);
        }
        if (token.chars().filter(c -> c == '.').count() == 2) {
            throw new CognitoException("UnsupportedTokenTypeException", "Unsupported token type.");
        }
        tokens.revoke(token, client);
        return JsonCodec.object();
    }

    private static void requireFlow(AppClient client, String flow) {
        boolean legacy = client.flows.stream().noneMatch(f -> f.startsWith("ALLOW_"));
        boolean refresh = flow.equals("REFRESH_TOKEN_AUTH");
        if (client.allows("CUSTOM_AUTH_FLOW_ONLY") && !flow.equals("CUSTOM_AUTH") && !refresh) {
            throw CognitoException.invalidParameter("Only custom auth (lambda driven) is enabled for this client.");
        }
        boolean allowed =
                switch (flow) {
                    case "CUSTOM_AUTH" -> client.allows("ALLOW_CUSTOM_AUTH") || client.allows("CUSTOM_AUTH_FLOW_ONLY");
                    case "USER_SRP_AUTH" -> client.allows("ALLOW_USER_SRP_AUTH") || legacy;
                    case "USER_PASSWORD_AUTH" -> client.allows("ALLOW_USER_PASSWORD_AUTH")
                            || client.allows("USER_PASSWORD_AUTH");
                    case "ADMIN_USER_PASSWORD_AUTH" -> client.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH")
                            || client.allows("ADMIN_NO_SRP_AUTH");
                    default -> client.allows("ALLOW_REFRESH_TOKEN_AUTH") || legacy;
                };
        if (!allowed) {
            throw CognitoException.invalidParameter(
                    flow.equals("USER_PASSWORD_AUTH")
                            ? "USER_PASSWORD_AUTH flow not enabled for this client"
                            : "Auth flow not enabled for this client");
        }
    }

    private ObjectNode event(Trigger trigger, Subject subject, RequestContext context) {
        ObjectNode event = JsonCodec.object();
        event.put("version", "1");
        event.put("region", region);
        event.put("userPoolId", subject.pool().id);
        event.put("userName", subject.username());
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", context.awsSdkVersion());
        caller.put("clientId", subject.client().clientId);
        event.put("triggerSource", trigger.triggerSource);
        ObjectNode request = event.putObject("request");
        ObjectNode attributes = request.putObject("userAttributes");
        UserRecord user = subject.user();
        if (user != null && !subject.userNotFound()) {
            attributes.setAll(AuthTriggers.userAttributes(user));
        }
        return event;
    }

    private JsonNode invoke(Trigger trigger, Subject subject, ObjectNode event) {
        String arn = subject.pool().config().triggerArn(trigger.configKey);
        if (arn == null) {
            throw CognitoException.invalidParameter(NOT_CONFIGURED);
        }
        return triggers.invoke(trigger, arn, event).get("response");
    }

    private static ArrayNode sessionArray(List<AuthSessions.Round> history) {
        ArrayNode session = JsonCodec.array();
        for (AuthSessions.Round round : history) {
            ObjectNode entry = session.addObject();
            entry.put("challengeName", round.challengeName());
            entry.put("challengeResult", round.challengeResult());
            if (round.challengeMetadata() == null) {
                entry.putNull("challengeMetadata");
            } else {
                entry.put("challengeMetadata", round.challengeMetadata());
            }
        }
        return session;
    }

    private static void putClientMetadata(ObjectNode request, Map<String, String> clientMetadata) {
        if (clientMetadata != null && !clientMetadata.isEmpty()) {
            ObjectNode metadata = request.putObject("clientMetadata");
            clientMetadata.forEach(metadata::put);
        }
    }

    private static void putUserNotFound(ObjectNode request, Subject subject) {
        if (subject.client().preventUserExistenceErrors) {
            request.put("userNotFound", subject.userNotFound());
        }
    }

    private static boolean flag(JsonNode response, String member) {
        JsonNode node = response.get(member);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode response, String member) {
        JsonNode node = response.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
        }
        return node.textValue();
    }

    private static Map<String, String> stringMap(JsonNode response, String member) {
        JsonNode node = response.get(member);
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
            }
            values.put(field.getKey(), field.getValue().textValue());
        }
        return values;
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw CognitoException.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }
}
