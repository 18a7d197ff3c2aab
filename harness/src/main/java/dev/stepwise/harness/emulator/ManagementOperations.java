package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.srp.SrpVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pool, app client and user administration operations. They store what they are given and echo it back in
 * Cognito's response shapes; only what custom authentication needs is interpreted.
 */
final class ManagementOperations {

    /** The UpdateUserPool members that reset to their defaults when omitted (Cognito's full-replace semantics). */
    static final Set<String> POOL_UPDATABLE = Set.of(
            "Policies",
            "DeletionProtection",
            "LambdaConfig",
            "AutoVerifiedAttributes",
            "SmsVerificationMessage",
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "VerificationMessageTemplate",
            "SmsAuthenticationMessage",
            "UserAttributeUpdateSettings",
            "MfaConfiguration",
            "DeviceConfiguration",
            "EmailConfiguration",
            "SmsConfiguration",
            "UserPoolTags",
            "AdminCreateUserConfig",
            "UserPoolAddOns",
            "AccountRecoverySetting",
            "UserPoolTier",
            "KeyConfiguration",
            "IssuerConfiguration");

    static final List<String> AUTH_FLOWS = List.of(
            "ADMIN_NO_SRP_AUTH",
            "CUSTOM_AUTH_FLOW_ONLY",
            "USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_AUTH");

    static final Set<String> LAMBDA_KEYS = Set.of(
            "PreSignUp",
            "CustomMessage",
            "PostConfirmation",
            "PreAuthentication",
            "PostAuthentication",
            "DefineAuthChallenge",
            "CreateAuthChallenge",
            "VerifyAuthChallengeResponse",
            "PreTokenGeneration",
            "UserMigration",
            "PreTokenGenerationConfig",
            "CustomSMSSender",
            "CustomEmailSender",
            "KMSKeyID");

    private static final Pattern POOL_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    private static final Pattern CLIENT_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
    private static final Pattern LAMBDA_ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
    private static final Pattern FILTER = Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    private final Directory directory;
    private final PostConfirmationTrigger postConfirmation;
    private final Clock clock;
    private final String region;
    private final Runnable onChange;

    ManagementOperations(
            Directory directory,
            PostConfirmationTrigger postConfirmation,
            Clock clock,
            String region,
            Runnable onChange) {
        this.directory = directory;
        this.postConfirmation = postConfirmation;
        this.clock = clock;
        this.region = region;
        this.onChange = onChange;
    }

    void register(Map<String, Operation> operations) {
        operations.put("CreateUserPool", changing(this::createUserPool));
        operations.put("DescribeUserPool", this::describeUserPool);
        operations.put("UpdateUserPool", changing(this::updateUserPool));
        operations.put("DeleteUserPool", changing(this::deleteUserPool));
        operations.put("ListUserPools", this::listUserPools);
        operations.put("CreateUserPoolDomain", changing(this::createUserPoolDomain));
        operations.put("CreateUserPoolClient", changing(this::createUserPoolClient));
        operations.put("DescribeUserPoolClient", this::describeUserPoolClient);
        operations.put("UpdateUserPoolClient", changing(this::updateUserPoolClient));
        operations.put("DeleteUserPoolClient", changing(this::deleteUserPoolClient));
        operations.put("ListUserPoolClients", this::listUserPoolClients);
        operations.put("AdminCreateUser", changing(this::adminCreateUser));
        operations.put("AdminSetUserPassword", changing(this::adminSetUserPassword));
        operations.put("AdminGetUser", this::adminGetUser);
        operations.put("AdminUpdateUserAttributes", changing(this::adminUpdateUserAttributes));
        operations.put("AdminDeleteUserAttributes", changing(this::adminDeleteUserAttributes));
        operations.put("AdminDisableUser", changing(this::adminDisableUser));
        operations.put("AdminEnableUser", changing(this::adminEnableUser));
        operations.put("AdminDeleteUser", changing(this::adminDeleteUser));
        operations.put("ListUsers", this::listUsers);
        operations.put("SignUp", changing(this::signUp));
        operations.put("AdminConfirmSignUp", changing(this::adminConfirmSignUp));
    }

    private Operation changing(Operation operation) {
        return (input, context) -> {
            ObjectNode result = operation.apply(input, context);
            onChange.run();
            return result;
        };
    }

    private ObjectNode createUserPool(Input input, RequestContext context) {
        String name = input.required("PoolName", 1, 128, POOL_NAME);
        ObjectNode settings = settingsOf(input, Set.of("PoolName"));
        validateLambdaConfig(input);
        Instant now = clock.instant();
        String id = Ids.poolId(region);
        String arn = "arn:aws:cognito-idp:" + region + ":000000000000:userpool/" + id;
        UserPool pool = new UserPool(id, arn, now, new PoolConfig(name, settings, now));
        directory.pools.put(id, pool);
        ObjectNode result = JsonCodec.object();
        result.set("UserPool", describe(pool));
        return result;
    }

    private ObjectNode describeUserPool(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        ObjectNode result = JsonCodec.object();
        result.set("UserPool", describe(pool));
        return result;
    }

    private ObjectNode updateUserPool(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        validateLambdaConfig(input);
        PoolConfig old = pool.config();
        ObjectNode settings = old.settings().deepCopy();
        settings.remove(POOL_UPDATABLE);
        input.body().fields().forEachRemaining(e -> {
            if (POOL_UPDATABLE.contains(e.getKey()) && !e.getValue().isNull()) {
                settings.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        String name = input.optional("PoolName", 1, 128, POOL_NAME);
        pool.config(new PoolConfig(name == null ? old.name() : name, settings, clock.instant()));
        return JsonCodec.object();
    }

    /*
     * Only records the prefix domain, which DescribeUserPool then returns as Domain (what an audit reads to tell that
     * the managed login page is reachable); the emulator serves no login page.
     */
    private ObjectNode createUserPoolDomain(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        String domain = input.required("Domain", 1, 63, DOMAIN);
        PoolConfig old = pool.config();
        ObjectNode settings = old.settings().deepCopy();
        settings.put("Domain", domain);
        pool.config(new PoolConfig(old.name(), settings, clock.instant()));
        return JsonCodec.object();
    }

    private ObjectNode deleteUserPool(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        directory.pools.remove(pool.id);
        directory.clients.values().removeIf(c -> c.userPoolId.equals(pool.id));
        return JsonCodec.object();
    }

    private ObjectNode listUserPools(Input input, RequestContext context) {
        Integer max = input.optionalInt("MaxResults", 1, 60);
        if (max == null) {
            throw CognitoException.validation("maxResults", null, "Member must not be null");
        }
        int start = pageStart(input.optional("NextToken", 1, Integer.MAX_VALUE));
        List<UserPool> pools = new ArrayList<>(directory.pools.values());
        pools.sort(Comparator.comparing((UserPool p) -> p.created).thenComparing(p -> p.id));
        ArrayNode list = JsonCodec.array();
        for (int i = start; i < Math.min(pools.size(), start + max); i++) {
            UserPool pool = pools.get(i);
            ObjectNode item = list.addObject();
            item.put("Id", pool.id);
            item.put("Name", pool.config().name());
            item.set("LambdaConfig", lambdaConfigOf(pool.config()));
            item.put("LastModifiedDate", epoch(pool.config().lastModified()));
            item.put("CreationDate", epoch(pool.created));
        }
        ObjectNode result = JsonCodec.object();
        result.set("UserPools", list);
        if (start + max < pools.size()) {
            result.put("NextToken", String.valueOf(start + max));
        }
        return result;
    }

    private ObjectNode createUserPoolClient(Input input, RequestContext context) {
        String poolId = poolId(input);
        UserPool pool = directory.pool(poolId);
        String name = input.required("ClientName", 1, 128, CLIENT_NAME);
        ObjectNode settings = clientSettings(input);
        Boolean generateSecret = input.optionalBoolean("GenerateSecret");
        Instant now = clock.instant();
        AppClient client = new AppClient(
                Ids.clientId(),
                pool.id,
                name,
                Boolean.TRUE.equals(generateSecret) ? Ids.clientSecret() : null,
                settings,
                now,
                now);
        directory.clients.put(client.clientId, client);
        ObjectNode result = JsonCodec.object();
        result.set("UserPoolClient", describe(client));
        return result;
    }

    private ObjectNode describeUserPoolClient(Input input, RequestContext context) {
        AppClient client = directory.client(poolId(input), input.required("ClientId", 1, 128, Input.CLIENT_ID));
        ObjectNode result = JsonCodec.object();
        result.set("UserPoolClient", describe(client));
        return result;
    }

    private ObjectNode updateUserPoolClient(Input input, RequestContext context) {
        AppClient old = directory.client(poolId(input), input.required("ClientId", 1, 128, Input.CLIENT_ID));
        String name = input.optional("ClientName", 1, 128, CLIENT_NAME);
        AppClient client = new AppClient(
                old.clientId,
                old.userPoolId,
                name == null ? old.name : name,
                old.secret,
                clientSettings(input),
                old.created,
                clock.instant());
        directory.clients.put(client.clientId, client);
        ObjectNode result = JsonCodec.object();
        result.set("UserPoolClient", describe(client));
        return result;
    }

    private ObjectNode deleteUserPoolClient(Input input, RequestContext context) {
        AppClient client = directory.client(poolId(input), input.required("ClientId", 1, 128, Input.CLIENT_ID));
        directory.clients.remove(client.clientId);
        return JsonCodec.object();
    }

    private ObjectNode listUserPoolClients(Input input, RequestContext context) {
        String poolId = poolId(input);
        directory.pool(poolId);
        Integer max = input.optionalInt("MaxResults", 1, 60);
        int limit = max == null ? 60 : max;
        int start = pageStart(input.optional("NextToken", 1, Integer.MAX_VALUE));
        List<AppClient> clients = directory.clients.values().stream()
                .filter(c -> c.userPoolId.equals(poolId))
                .sorted(Comparator.comparing((AppClient c) -> c.created).thenComparing(c -> c.clientId))
                .toList();
        ArrayNode list = JsonCodec.array();
        for (int i = start; i < Math.min(clients.size(), start + limit); i++) {
            AppClient client = clients.get(i);
            ObjectNode item = list.addObject();
            item.put("ClientId", client.clientId);
            item.put("UserPoolId", client.userPoolId);
            item.put("ClientName", client.name);
        }
        ObjectNode result = JsonCodec.object();
        result.set("UserPoolClients", list);
        if (start + limit < clients.size()) {
            result.put("NextToken", String.valueOf(start + limit));
        }
        return result;
    }

    private ObjectNode adminCreateUser(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        String username = input.required("Username", 1, 128, Input.USERNAME);
        Map<String, String> attributes = input.attributes("UserAttributes");
        String temporaryPassword = input.optional("TemporaryPassword", 0, 256);
        input.optionalEnum("MessageAction", List.of("RESEND", "SUPPRESS"));
        input.stringList("DesiredDeliveryMediums", 2);
        PoolRules.checkAttributes(pool, attributes);
        UserRecord user = newUser(pool, username, attributes, "FORCE_CHANGE_PASSWORD");
        if (temporaryPassword != null) {
            checkPassword(pool, temporaryPassword);
            user = user.withCredential(
                    credential(pool, user.username(), temporaryPassword), user.status(), user.modified());
        }
        insert(pool, user);
        ObjectNode result = JsonCodec.object();
        ObjectNode out = result.putObject("User");
        out.put("Username", user.username());
        out.set("Attributes", attributeList(user.attributes(), null));
        out.put("UserCreateDate", epoch(user.created()));
        out.put("UserLastModifiedDate", epoch(user.modified()));
        out.put("Enabled", true);
        out.put("UserStatus", user.status());
        return result;
    }

    private ObjectNode adminSetUserPassword(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        String username = input.required("Username", 1, 128, Input.USERNAME);
        String password = input.required("Password", 0, 256);
        boolean permanent = Boolean.TRUE.equals(input.optionalBoolean("Permanent"));
        checkPassword(pool, password);
        UserRecord user = existing(pool, username);
        Instant now = clock.instant();
        pool.users.computeIfPresent(
                pool.key(user.username()),
                (k, u) -> u.withCredential(
                        credential(pool, u.username(), password),
                        permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
                        now));
        return JsonCodec.object();
    }

    private ObjectNode adminGetUser(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        UserRecord user = existing(pool, input.required("Username", 1, 128, Input.USERNAME));
        ObjectNode result = JsonCodec.object();
        result.put("Username", user.username());
        result.set("UserAttributes", attributeList(user.attributes(), null));
        result.put("UserCreateDate", epoch(user.created()));
        result.put("UserLastModifiedDate", epoch(user.modified()));
        result.put("Enabled", user.enabled());
        result.put("UserStatus", user.status());
        return result;
    }

    private ObjectNode adminUpdateUserAttributes(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        String username = input.required("Username", 1, 128, Input.USERNAME);
        Map<String, String> attributes = input.attributes("UserAttributes");
        if (!input.has("UserAttributes")) {
            throw CognitoException.validation("userAttributes", null, "Member must not be null");
        }
        if (attributes.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
        }
        PoolRules.checkAttributes(pool, attributes);
        UserRecord user = existing(pool, username);
        Map<String, String> all = new LinkedHashMap<>(attributes);
        unverifyChanged(user, attributes, all);
        Instant now = clock.instant();
        pool.users.computeIfPresent(pool.key(user.username()), (k, u) -> u.withAttributes(all, now));
        return JsonCodec.object();
    }

    /**
     * A changed {@code email} or {@code phone_number} is no longer verified, unless the same call sets its
     * {@code _verified} attribute.
     */
    static void unverifyChanged(UserRecord user, Map<String, String> changes, Map<String, String> into) {
        for (String attribute : List.of("email", "phone_number")) {
            String value = changes.get(attribute);
            if (value != null
                    && !value.equals(user.attributes().get(attribute))
                    && !changes.containsKey(attribute + "_verified")) {
                into.put(attribute + "_verified", "false");
            }
        }
    }

    private ObjectNode adminDeleteUserAttributes(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        String username = input.required("Username", 1, 128, Input.USERNAME);
        List<String> names = input.stringList("UserAttributeNames", 100);
        if (names == null) {
            throw CognitoException.validation("userAttributeNames", null, "Member must not be null");
        }
        UserRecord user = existing(pool, username);
        Instant now = clock.instant();
        pool.users.computeIfPresent(pool.key(user.username()), (k, u) -> u.withoutAttributes(names, now));
        return JsonCodec.object();
    }

    private ObjectNode adminDisableUser(Input input, RequestContext context) {
        return setEnabled(input, false);
    }

    private ObjectNode adminEnableUser(Input input, RequestContext context) {
        return setEnabled(input, true);
    }

    private ObjectNode setEnabled(Input input, boolean enabled) {
        UserPool pool = directory.pool(poolId(input));
        UserRecord user = existing(pool, input.required("Username", 1, 128, Input.USERNAME));
        Instant now = clock.instant();
        pool.users.computeIfPresent(pool.key(user.username()), (k, u) -> u.withEnabled(enabled, now));
        return JsonCodec.object();
    }

    private ObjectNode adminDeleteUser(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        UserRecord user = existing(pool, input.required("Username", 1, 128, Input.USERNAME));
        pool.users.remove(pool.key(user.username()));
        pool.forget(user.username());
        return JsonCodec.object();
    }

    private ObjectNode listUsers(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        Integer limit = input.optionalInt("Limit", 0, 60);
        int max = limit == null || limit == 0 ? 60 : limit;
        int start = pageStart(input.optional("PaginationToken", 1, Integer.MAX_VALUE));
        List<String> only = input.stringList("AttributesToGet", 100);
        String filter = input.optional("Filter", 0, 256);
        List<UserRecord> users = new ArrayList<>(pool.users.values());
        if (filter != null && !filter.isBlank()) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                throw CognitoException.invalidParameter("Error while parsing filter.");
            }
            String attribute = m.group(1);
            boolean prefix = m.group(2).equals("^=");
            String value = m.group(3).replace("\\\"", "\"");
            users.removeIf(u -> {
                String actual = attribute.equals("username")
                        ? u.username()
                        : u.attributes().get(attribute);
                if (attribute.equals("status")) {
                    actual = u.enabled() ? "Enabled" : "Disabled";
                } else if (attribute.equals("cognito:user_status")) {
                    actual = u.status();
                }
                return actual == null || (prefix ? !actual.startsWith(value) : !actual.equals(value));
            });
        }
        users.sort(Comparator.comparing(UserRecord::created).thenComparing(UserRecord::username));
        ArrayNode list = JsonCodec.array();
        for (int i = start; i < Math.min(users.size(), start + max); i++) {
            UserRecord user = users.get(i);
            ObjectNode item = list.addObject();
            item.put("Username", user.username());
            item.set("Attributes", attributeList(user.attributes(), only));
            item.put("UserCreateDate", epoch(user.created()));
            item.put("UserLastModifiedDate", epoch(user.modified()));
            item.put("Enabled", user.enabled());
            item.put("UserStatus", user.status());
        }
        ObjectNode result = JsonCodec.object();
        result.set("Users", list);
        if (start + max < users.size()) {
            result.put("PaginationToken", String.valueOf(start + max));
        }
        return result;
    }

    private ObjectNode signUp(Input input, RequestContext context) {
        AppClient client = directory.client(input.required("ClientId", 1, 128, Input.CLIENT_ID));
        UserPool pool = directory.pool(client.userPoolId);
        String username = input.required("Username", 1, 128, Input.USERNAME);
        String password = input.optional("Password", 0, 256);
        SecretHash.check(client, username, input.optional("SecretHash", 1, 128));
        Map<String, String> attributes = input.attributes("UserAttributes");
        input.attributes("ValidationData");
        input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        PoolRules.checkAttributes(pool, attributes);
        UserRecord user = newUser(pool, username, attributes, "UNCONFIRMED");
        if (password != null) {
            checkPassword(pool, password);
            user = user.withCredential(credential(pool, user.username(), password), "UNCONFIRMED", user.modified());
        }
        insert(pool, user);
        ObjectNode result = JsonCodec.object();
        result.put("UserConfirmed", false);
        result.put("UserSub", user.sub());
        return result;
    }

    /** Post confirmation runs before the user is stored as confirmed: when it fails, the user stays unconfirmed. */
    private ObjectNode adminConfirmSignUp(Input input, RequestContext context) {
        UserPool pool = directory.pool(poolId(input));
        UserRecord user = existing(pool, input.required("Username", 1, 128, Input.USERNAME));
        Map<String, String> clientMetadata = input.stringMap("ClientMetadata", Input.MAP_VALUE_MAX);
        if (!"UNCONFIRMED".equals(user.status())) {
            throw CognitoException.notAuthorized("User cannot be confirmed. Current status is " + user.status());
        }
        Instant now = clock.instant();
        postConfirmation.run(
                pool,
                null,
                user.withStatus("CONFIRMED", now),
                PostConfirmationTrigger.Source.CONFIRM_SIGN_UP,
                clientMetadata,
                context);
        pool.users.computeIfPresent(pool.key(user.username()), (k, u) -> u.withStatus("CONFIRMED", now));
        return JsonCodec.object();
    }

    private UserRecord newUser(UserPool pool, String username, Map<String, String> attributes, String status) {
        if (attributes.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute sub");
        }
        Map<String, String> all = new LinkedHashMap<>();
        String sub = Ids.uuid();
        all.put("sub", sub);
        String actualUsername = username;
        Set<String> usernameAttributes = pool.config().usernameAttributes();
        if (!usernameAttributes.isEmpty()) {
            if (username.contains("@") && usernameAttributes.contains("email")) {
                all.put("email", username);
            } else if (username.startsWith("+") && usernameAttributes.contains("phone_number")) {
                all.put("phone_number", username);
            } else {
                throw CognitoException.invalidParameter("Username should be either an email or a phone number.");
            }
            actualUsername = sub;
        }
        all.putAll(attributes);
        Instant now = clock.instant();
        return new UserRecord(actualUsername, all, true, status, now, now, null);
    }

    private void insert(UserPool pool, UserRecord user) {
        if (pool.resolve(user.username()) != null
                || (user.attributes().containsKey("email")
                        && pool.config().usernameAttributes().contains("email")
                        && pool.resolve(user.attributes().get("email")) != null)) {
            throw new CognitoException("UsernameExistsException", "User account already exists");
        }
        if (pool.users.putIfAbsent(pool.key(user.username()), user) != null) {
            throw new CognitoException("UsernameExistsException", "User account already exists");
        }
    }

    private static UserRecord existing(UserPool pool, String username) {
        UserRecord user = pool.resolve(username);
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return user;
    }

    static SrpVerifier credential(UserPool pool, String username, String password) {
        return SrpVerifier.create(pool.id, username, password);
    }

    static void checkPassword(UserPool pool, String password) {
        JsonNode policy = pool.config().passwordPolicy();
        int minimum = policy.path("MinimumLength").asInt(8);
        List<String> problems = new ArrayList<>();
        if (password.length() < minimum) {
            problems.add("Password not long enough");
        }
        if (policy.path("RequireUppercase").asBoolean(true) && password.chars().noneMatch(Character::isUpperCase)) {
            problems.add("Password must have uppercase characters");
        }
        if (policy.path("RequireLowercase").asBoolean(true) && password.chars().noneMatch(Character::isLowerCase)) {
            problems.add("Password must have lowercase characters");
        }
        if (policy.path("RequireNumbers").asBoolean(true) && password.chars().noneMatch(Character::isDigit)) {
            problems.add("Password must have numeric characters");
        }
        if (policy.path("RequireSymbols").asBoolean(true) && password.chars().allMatch(Character::isLetterOrDigit)) {
            problems.add("Password must have symbol characters");
        }
        if (!problems.isEmpty()) {
            throw new CognitoException(
                    "InvalidPasswordException", "Password did not conform with policy: " + problems.get(0));
        }
    }

    private static String poolId(Input input) {
        return input.required("UserPoolId", 1, 55, Input.USER_POOL_ID);
    }

    private static ObjectNode settingsOf(Input input, Set<String> except) {
        ObjectNode settings = JsonCodec.object();
        input.body().fields().forEachRemaining(e -> {
            if (!except.contains(e.getKey()) && !e.getValue().isNull()) {
                settings.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return settings;
    }

    private static void validateLambdaConfig(Input input) {
        ObjectNode lambda = input.optionalObject("LambdaConfig");
        if (lambda == null) {
            return;
        }
        Input config = Input.of(lambda);
        for (String key : List.of(
                "PreSignUp",
                "CustomMessage",
                "PostConfirmation",
                "PreAuthentication",
                "PostAuthentication",
                "DefineAuthChallenge",
                "CreateAuthChallenge",
                "VerifyAuthChallengeResponse",
                "PreTokenGeneration",
                "UserMigration")) {
            config.optional(key, 20, 2048, LAMBDA_ARN);
        }
    }

    private static ObjectNode clientSettings(Input input) {
        List<String> flows = input.stringList("ExplicitAuthFlows", 20);
        if (flows != null) {
            for (String flow : flows) {
                if (!AUTH_FLOWS.contains(flow)) {
                    throw CognitoException.validation(
                            "explicitAuthFlows", flows, "Member must satisfy enum value set: " + AUTH_FLOWS);
                }
            }
        }
        PoolRules.checkClient(input, flows);
        input.optionalEnum("PreventUserExistenceErrors", List.of("LEGACY", "ENABLED"));
        input.optionalInt("AuthSessionValidity", 3, 15);
        input.optionalInt("RefreshTokenValidity", 0, 315_360_000);
        input.optionalInt("AccessTokenValidity", 1, 86_400);
        input.optionalInt("IdTokenValidity", 1, 86_400);
        input.optionalObject("TokenValidityUnits");
        input.stringList("ReadAttributes", 2048);
        input.stringList("WriteAttributes", 2048);
        return settingsOf(input, Set.of("UserPoolId", "ClientName", "GenerateSecret", "ClientId"));
    }

    private ObjectNode describe(UserPool pool) {
        PoolConfig config = pool.config();
        ObjectNode out = JsonCodec.object();
        out.put("Id", pool.id);
        out.put("Name", config.name());
        out.put("Arn", pool.arn);
        ObjectNode policies = JsonCodec.object();
        ObjectNode passwordPolicy = policies.putObject("PasswordPolicy");
        passwordPolicy.put("MinimumLength", 8);
        passwordPolicy.put("RequireUppercase", true);
        passwordPolicy.put("RequireLowercase", true);
        passwordPolicy.put("RequireNumbers", true);
        passwordPolicy.put("RequireSymbols", true);
        passwordPolicy.put("TemporaryPasswordValidityDays", 7);
        out.set("Policies", policies);
        out.put("DeletionProtection", "INACTIVE");
        out.set("LambdaConfig", JsonCodec.object());
        out.put("MfaConfiguration", "OFF");
        out.setAll(config.settings());
        if (config.settings().has("Policies")) {
            JsonNode given = config.settings().get("Policies").get("PasswordPolicy");
            if (given != null && given.isObject()) {
                passwordPolicy.setAll((ObjectNode) given);
                out.set("Policies", policies);
            }
        }
        out.put("LastModifiedDate", epoch(config.lastModified()));
        out.put("CreationDate", epoch(pool.created));
        out.put("EstimatedNumberOfUsers", pool.users.size());
        return out;
    }

    private static ObjectNode lambdaConfigOf(PoolConfig config) {
        ObjectNode lambda = JsonCodec.object();
        config.lambdaConfig().forEach(lambda::put);
        return lambda;
    }

    private static ObjectNode describe(AppClient client) {
        ObjectNode out = JsonCodec.object();
        out.put("UserPoolId", client.userPoolId);
        out.put("ClientName", client.name);
        out.put("ClientId", client.clientId);
        if (client.secret != null) {
            out.put("ClientSecret", client.secret);
        }
        out.put("LastModifiedDate", epoch(client.lastModified));
        out.put("CreationDate", epoch(client.created));
        out.put("RefreshTokenValidity", 30);
        ObjectNode units = out.putObject("TokenValidityUnits");
        units.put("AccessToken", "hours");
        units.put("IdToken", "hours");
        units.put("RefreshToken", "days");
        out.put("PreventUserExistenceErrors", "LEGACY");
        out.put("AuthSessionValidity", 3);
        out.put("EnableTokenRevocation", true);
        out.setAll(client.settings);
        if (!client.settings.has("ExplicitAuthFlows")) {
            ArrayNode flows = out.putArray("ExplicitAuthFlows");
            client.flows.stream().sorted().forEach(flows::add);
        }
        return out;
    }

    static ArrayNode attributeList(Map<String, String> attributes, List<String> only) {
        ArrayNode list = JsonCodec.array();
        attributes.forEach((name, value) -> {
            if (only == null || only.isEmpty() || only.contains(name)) {
                ObjectNode item = list.addObject();
                item.put("Name", name);
                item.put("Value", value);
            }
        });
        return list;
    }

    static double epoch(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static int pageStart(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int start = Integer.parseInt(token);
            if (start < 0) {
                throw new NumberFormatException();
            }
            return start;
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter("Invalid pagination token.");
        }
    }
}
