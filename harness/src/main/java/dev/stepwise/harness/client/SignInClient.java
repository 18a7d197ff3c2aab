package dev.stepwise.harness.client;

import dev.stepwise.core.DeviceAnswer;
import dev.stepwise.harness.srp.PasswordClaim;
import dev.stepwise.harness.srp.PasswordVerifierChallenge;
import dev.stepwise.harness.srp.SrpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * Drives a multi-step sign-in against a Cognito user pool (AWS, LocalStack or the Stepwise emulator) the way a front
 * end does: {@link #start} it, then {@link #answer} each {@link NextStep.Challenge} until {@link NextStep.Done} or a
 * final outcome.
 *
 * <p>It talks to the pool only through the AWS SDK v2 Cognito client, with an endpoint override for anything that is
 * not AWS. {@code InitiateAuth} and {@code RespondToAuthChallenge} are unsigned, so no AWS credentials are needed. It
 * adds {@code SECRET_HASH} when the app client has a secret, and answers Cognito's PASSWORD_VERIFIER itself with SRP,
 * so passwords never leave the process. It answers the trusted-device round too, from its {@link DeviceKeychain}. The SDK's automatic retries are off: a retried answer that did reach Cognito
 * would spend the session.
 *
 * <p>Thread-safe; one instance can run many sign-ins. Close it to release the HTTP client it built.
 *
 * <pre>{@code
 * try (SignInClient client = SignInClient.builder()
 *         .endpoint(URI.create("http://127.0.0.1:9229")).region("us-east-1")
 *         .userPoolId(poolId).clientId(clientId).build()) {
 *     NextStep next = client.start(SignInFlow.CUSTOM_WITH_SRP, "alice", password);
 *     while (next instanceof NextStep.Challenge challenge) {
 *         next = client.answer(challenge, readCode(challenge));
 *     }
 * }
 * }</pre>
 */
public final class SignInClient implements AutoCloseable {

    /** The challenge parameter that carries a passkey step's WebAuthn JSON options. */
    public static final String PUBLIC_KEY_OPTIONS = "publicKeyOptions";

    private final CognitoIdentityProviderClient cognito;
    private final boolean ownsCognito;
    private final String userPoolId;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final String target;
    private final DeviceKeychain devices;
    private final boolean trustThisDevice;

    private SignInClient(Builder builder) {
        this.devices = builder.devices;
        this.trustThisDevice = builder.trustThisDevice;
        this.clientId = requireText(builder.clientId, "clientId");
        this.userPoolId = builder.userPoolId;
        this.clientSecret =
                builder.clientSecret == null || builder.clientSecret.isEmpty() ? null : builder.clientSecret;
        this.clock = builder.clock;
        this.target = builder.endpoint != null ? builder.endpoint.toString() : "Cognito in " + builder.region;
        if (builder.cognito != null) {
            this.cognito = builder.cognito;
            this.ownsCognito = false;
        } else {
            CognitoIdentityProviderClientBuilder sdk = CognitoIdentityProviderClient.builder()
                    .region(Region.of(requireText(builder.region, "region")))
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(5))
                            .socketTimeout(Duration.ofSeconds(30))
                            .build())
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)));
            if (builder.endpoint != null) {
                sdk.endpointOverride(builder.endpoint);
            }
            this.cognito = sdk.build();
            this.ownsCognito = true;
        }
    }

    /** A builder; {@code clientId} is required, {@code region} defaults to {@code us-east-1}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a passwordless custom sign-in ({@link SignInFlow#CUSTOM_WITHOUT_SRP}). */
    public NextStep start(String username) {
        return start(SignInFlow.CUSTOM_WITHOUT_SRP, username, null);
    }

    /**
     * Starts a sign-in. For the SRP flows the password is proved with SRP here, so the first result is already the
     * step after the password (or {@link NextStep.Failed} for a wrong one).
     *
     * @param password required for {@link SignInFlow#needsPassword()} flows, ignored otherwise
     * @throws IllegalArgumentException if the username is blank, a password is missing, or an SRP flow has no
     *     {@code userPoolId}
     * @throws SignInException if the endpoint cannot be reached
     */
    public NextStep start(SignInFlow flow, String username, String password) {
        Objects.requireNonNull(flow, "flow");
        requireText(username, "username");
        Map<String, String> parameters = new HashMap<>();
        parameters.put("USERNAME", username);
        SrpClient srp = null;
        if (flow.needsPassword()) {
            if (password == null) {
                throw new IllegalArgumentException(flow + " needs the user's password");
            }
            if (userPoolId == null) {
                throw new IllegalArgumentException(flow + " needs userPoolId: SRP mixes the pool name into the proof");
            }
            srp = SrpClient.create(userPoolId);
            parameters.put("SRP_A", srp.srpA());
        }
        if (flow == SignInFlow.CUSTOM_WITH_SRP) {
            parameters.put("CHALLENGE_NAME", "SRP_A");
        }
        putSecretHash(parameters, username);
        AuthFlowType authFlow =
                flow == SignInFlow.USER_SRP_AUTH ? AuthFlowType.USER_SRP_AUTH : AuthFlowType.CUSTOM_AUTH;
        try {
            InitiateAuthResponse response = call(() -> cognito.initiateAuth(
                    b -> b.clientId(clientId).authFlow(authFlow).authParameters(parameters)));
            return next(
                    response.challengeNameAsString(),
                    response.session(),
                    response.challengeParameters(),
                    response.authenticationResult(),
                    username,
                    srp,
                    password);
        } catch (AwsServiceException e) {
            return CognitoErrors.toOutcome(e);
        }
    }

    /**
     * Answers a challenge: the code, the chosen option of a selection, or the new password.
     *
     * @throws IllegalArgumentException for a PASSWORD_VERIFIER challenge (only {@link #start} can answer it)
     * @throws SignInException if the endpoint cannot be reached
     */
    public NextStep answer(NextStep.Challenge challenge, String answer) {
        return answer(challenge.session(), answer);
    }

    /**
     * Answers a passkey step with {@code authenticator}: creates a passkey for
     * {@link SignInStep#CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP}, signs in with one for
     * {@link SignInStep#CONFIRM_SIGN_IN_WITH_PASSKEY}, from the WebAuthn JSON options in the challenge parameter
     * {@code publicKeyOptions}.
     *
     * @throws IllegalArgumentException when the challenge is not a passkey step or carries no options
     * @throws IllegalStateException when the authenticator holds no passkey the options allow
     */
    public NextStep answerWithPasskey(NextStep.Challenge challenge, SoftwareAuthenticator authenticator) {
        String options = challenge.parameters().get(PUBLIC_KEY_OPTIONS);
        if (options == null || options.isEmpty()) {
            throw new IllegalArgumentException("the challenge " + challenge.stepName() + " carries no "
                    + PUBLIC_KEY_OPTIONS + ": it is not a passkey step");
        }
        return switch (challenge.step()) {
            case CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP -> answer(challenge, authenticator.register(options));
            case CONFIRM_SIGN_IN_WITH_PASSKEY -> answer(challenge, authenticator.authenticate(options));
            default -> throw new IllegalArgumentException(
                    "the challenge " + challenge.stepName() + " is not a passkey step");
        };
    }

    /** Answers the challenge of a saved and resumed session; see {@link #answer(NextStep.Challenge, String)}. */
    public NextStep answer(SignInSession session, String answer) {
        return answer(session, answer, Map.of());
    }

    /**
     * Answers a challenge with {@code ClientMetadata}, which Cognito passes to the Verify, Define and Create triggers
     * of this round (it never passes InitiateAuth's metadata to them).
     */
    public NextStep answer(SignInSession session, String answer, Map<String, String> clientMetadata) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(clientMetadata, "clientMetadata");
        Objects.requireNonNull(answer, "answer");
        if (ChallengeNameType.PASSWORD_VERIFIER.toString().equals(session.challengeName())) {
            throw new IllegalArgumentException(
                    "PASSWORD_VERIFIER is answered with SRP inside start(); start the sign-in with an SRP flow");
        }
        Map<String, String> responses = new HashMap<>();
        responses.put("USERNAME", session.username());
        responses.put(ChallengeParser.answerKey(session.challengeName()), answer);
        putSecretHash(responses, session.username());
        try {
            RespondToAuthChallengeResponse response =
                    call(() -> cognito.respondToAuthChallenge(b -> b.clientId(clientId)
                            .challengeName(session.challengeName())
                            .session(session.session())
                            .challengeResponses(responses)
                            .clientMetadata(clientMetadata.isEmpty() ? null : clientMetadata)));
            return next(
                    response.challengeNameAsString(),
                    response.session(),
                    response.challengeParameters(),
                    response.authenticationResult(),
                    session.username(),
                    null,
                    null);
        } catch (AwsServiceException e) {
            return CognitoErrors.toOutcome(e);
        }
    }

    /**
     * Shows the challenge of a session saved with {@link SignInSession#save()} again, without calling Cognito.
     *
     * @throws IllegalArgumentException if the string is not a saved session
     */
    public static NextStep.Challenge resume(String savedSession) {
        return ChallengeParser.parse(SignInSession.resume(savedSession));
    }

    private NextStep next(
            String challengeName,
            String session,
            Map<String, String> parameters,
            AuthenticationResultType result,
            String username,
            SrpClient srp,
            String password) {
        if (result != null && result.idToken() != null) {
            devices.signedIn(username);
            return new NextStep.Done(new Tokens(
                    result.idToken(),
                    result.accessToken(),
                    result.refreshToken(),
                    result.expiresIn() == null ? 0 : result.expiresIn(),
                    result.tokenType()));
        }
        if (challengeName == null) {
            return new NextStep.ServiceError(
                    "InvalidResponse", "Cognito returned neither tokens nor a challenge; is " + target + " Cognito?");
        }
        Map<String, String> params = parameters == null ? Map.of() : parameters;
        String nextUsername = params.getOrDefault("USERNAME", params.getOrDefault("USER_ID_FOR_SRP", username));
        if (ChallengeNameType.PASSWORD_VERIFIER.toString().equals(challengeName) && srp != null) {
            return verifyPassword(session, params, nextUsername, srp, password);
        }
        SignInSession next = new SignInSession(challengeName, session == null ? "" : session, nextUsername, params);
        if (DeviceAnswer.FACTOR.equals(params.get("factor"))
                && ChallengeNameType.CUSTOM_CHALLENGE.toString().equals(challengeName)) {
            return answer(next, devices.answer(nextUsername, trustThisDevice).wire());
        }
        return ChallengeParser.parse(next);
    }

    private NextStep verifyPassword(
            String session, Map<String, String> params, String username, SrpClient srp, String password) {
        PasswordClaim claim;
        try {
            claim = srp.claim(PasswordVerifierChallenge.fromParameters(params), password, clock.instant());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new NextStep.ServiceError(
                    "InvalidPasswordVerifier", "the PASSWORD_VERIFIER challenge is unusable: " + e.getMessage());
        }
        Map<String, String> responses = new HashMap<>(claim.challengeResponses());
        responses.put("USERNAME", username);
        putSecretHash(responses, username);
        try {
            RespondToAuthChallengeResponse response =
                    call(() -> cognito.respondToAuthChallenge(b -> b.clientId(clientId)
                            .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                            .session(session)
                            .challengeResponses(responses)));
            return next(
                    response.challengeNameAsString(),
                    response.session(),
                    response.challengeParameters(),
                    response.authenticationResult(),
                    username,
                    null,
                    null);
        } catch (AwsServiceException e) {
            return CognitoErrors.toOutcome(e);
        }
    }

    private void putSecretHash(Map<String, String> parameters, String username) {
        if (clientSecret != null) {
            parameters.put("SECRET_HASH", secretHash(clientSecret, username, clientId));
        }
    }

    /** {@code Base64(HMAC-SHA256(key = client secret, message = username + client id))}, as Cognito defines it. */
    static String secretHash(String clientSecret, String username, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkClientException e) {
            throw new SignInException("cannot reach " + target + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused; nothing listens there (start the emulator with ./stepwise emulator, or check"
                    + " --endpoint)";
        } else if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + root.getMessage() + "; check --endpoint and --region";
        } else if (root instanceof java.net.SocketTimeoutException
                || root instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time; check --endpoint and the network";
        }
        String message = root.getMessage();
        return message == null ? "the connection failed" : message;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /**
     * Signs a new user up ({@code SignUp}) with a password and attributes, e.g. {@code Map.of("email", ...)}.
     *
     * @return {@link AccountStep.CodeSent} when Cognito sent a confirmation code (confirm with
     *     {@link #confirmSignUp}), {@link AccountStep.Done} when the user needs no confirmation or an admin must
     *     confirm it ({@code userConfirmed} tells which), or {@link AccountStep.Failed}
     * @throws SignInException if the endpoint cannot be reached
     */
    public AccountStep signUp(String username, String password, Map<String, String> attributes) {
        requireText(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(attributes, "attributes");
        try {
            var response = call(() -> cognito.signUp(b -> b.clientId(clientId)
                    .username(username)
                    .password(password)
                    .secretHash(secretHashFor(username))
                    .userAttributes(attributes.entrySet().stream()
                            .map(e -> AttributeType.builder()
                                    .name(e.getKey())
                                    .value(e.getValue())
                                    .build())
                            .toList())));
            if (Boolean.TRUE.equals(response.userConfirmed()) || response.codeDeliveryDetails() == null) {
                return new AccountStep.Done(Boolean.TRUE.equals(response.userConfirmed()));
            }
            return new AccountStep.CodeSent(delivery(response.codeDeliveryDetails()));
        } catch (AwsServiceException e) {
            return failed(e);
        }
    }

    /** Confirms a sign-up with the emailed or texted code ({@code ConfirmSignUp}). */
    public AccountStep confirmSignUp(String username, String code) {
        requireText(username, "username");
        Objects.requireNonNull(code, "code");
        try {
            call(() -> cognito.confirmSignUp(b -> b.clientId(clientId)
                    .username(username)
                    .confirmationCode(code)
                    .secretHash(secretHashFor(username))));
            return new AccountStep.Done(true);
        } catch (AwsServiceException e) {
            return failed(e);
        }
    }

    /** Sends a new sign-up confirmation code ({@code ResendConfirmationCode}). */
    public AccountStep resendSignUpCode(String username) {
        requireText(username, "username");
        try {
            var response = call(() -> cognito.resendConfirmationCode(
                    b -> b.clientId(clientId).username(username).secretHash(secretHashFor(username))));
            return new AccountStep.CodeSent(delivery(response.codeDeliveryDetails()));
        } catch (AwsServiceException e) {
            return failed(e);
        }
    }

    /** Starts a password reset ({@code ForgotPassword}): Cognito sends a code to a verified email or phone number. */
    public AccountStep resetPassword(String username) {
        requireText(username, "username");
        try {
            var response = call(() -> cognito.forgotPassword(
                    b -> b.clientId(clientId).username(username).secretHash(secretHashFor(username))));
            return new AccountStep.CodeSent(delivery(response.codeDeliveryDetails()));
        } catch (AwsServiceException e) {
            return failed(e);
        }
    }

    /** Sets the new password with the reset code ({@code ConfirmForgotPassword}). */
    public AccountStep confirmResetPassword(String username, String code, String newPassword) {
        requireText(username, "username");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(newPassword, "newPassword");
        try {
            call(() -> cognito.confirmForgotPassword(b -> b.clientId(clientId)
                    .username(username)
                    .confirmationCode(code)
                    .password(newPassword)
                    .secretHash(secretHashFor(username))));
            return new AccountStep.Done(true);
        } catch (AwsServiceException e) {
            return failed(e);
        }
    }

    private String secretHashFor(String username) {
        return clientSecret == null ? null : secretHash(clientSecret, username, clientId);
    }

    private static CodeDeliveryDetails delivery(CodeDeliveryDetailsType details) {
        return details == null
                ? null
                : new CodeDeliveryDetails(details.deliveryMediumAsString(), details.destination());
    }

    private static AccountStep failed(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return new AccountStep.Failed(
                code == null ? "HTTP " + e.statusCode() : code, message == null ? e.getMessage() : message);
    }

    /** Closes the SDK client if this instance built it. */
    @Override
    public void close() {
        if (ownsCognito) {
            cognito.close();
        }
    }

    /** Options for {@link SignInClient}. Not thread-safe. */
    public static final class Builder {
        private URI endpoint;
        private String region = "us-east-1";
        private String userPoolId;
        private String clientId;
        private String clientSecret;
        private CognitoIdentityProviderClient cognito;
        private Clock clock = Clock.systemUTC();
        private DeviceKeychain devices = new DeviceKeychain();
        private boolean trustThisDevice;

        private Builder() {}

        /**
         * Where the device credentials are kept (default: a new, empty keychain). The client answers the trusted-device
         * round itself, with the credential held for the user, so a caller never sees that round.
         */
        public Builder devices(DeviceKeychain devices) {
            this.devices = Objects.requireNonNull(devices, "devices");
            return this;
        }

        /**
         * Whether to ask that this device be trusted when it holds no credential yet (default false): the new
         * credential is kept once the sign-in is done, and skips the steps a policy marks for new devices next time.
         */
        public Builder trustThisDevice(boolean trustThisDevice) {
            this.trustThisDevice = trustThisDevice;
            return this;
        }

        /** The endpoint (LocalStack, the emulator, a VPC endpoint); null (default) for AWS's regional endpoint. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The AWS region; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The user pool id, e.g. {@code us-east-1_AbCdEf123}; required for the SRP flows. */
        public Builder userPoolId(String userPoolId) {
            this.userPoolId = userPoolId;
            return this;
        }

        /** The app client id (required). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The app client secret, when the client has one; then every call carries SECRET_HASH. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * A ready SDK client to use instead of building one (then endpoint and region are ignored, and {@link #close}
         * leaves it open).
         */
        public Builder cognito(CognitoIdentityProviderClient cognito) {
            this.cognito = cognito;
            return this;
        }

        /** The clock for the SRP TIMESTAMP; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalArgumentException if clientId or region is missing
         */
        public SignInClient build() {
            return new SignInClient(this);
        }
    }
}
