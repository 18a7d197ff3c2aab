package dev.stepwise.bench;

/** The trigger events the benchmarks send, shaped like Cognito's (first round of an email-code sign-in). */
public final class BenchEvents {
    private BenchEvents() {}

    public static final String DEFINE =
            """
            {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"alice",
             "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
             "triggerSource":"DefineAuthChallenge_Authentication",
             "request":{"userAttributes":{"sub":"8f1b2c3d-0000-4000-8000-000000000001",
               "cognito:user_status":"CONFIRMED","email_verified":"true","email":"alice@example.com"},
               "session":[],"userNotFound":false},
             "response":{"challengeName":null,"issueTokens":null,"failAuthentication":null}}
            """;

    public static final String CREATE =
            """
            {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"alice",
             "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
             "triggerSource":"CreateAuthChallenge_Authentication",
             "request":{"userAttributes":{"sub":"8f1b2c3d-0000-4000-8000-000000000001",
               "cognito:user_status":"CONFIRMED","email_verified":"true","email":"alice@example.com"},
               "challengeName":"CUSTOM_CHALLENGE","session":[],"userNotFound":false},
             "response":{"publicChallengeParameters":null,"privateChallengeParameters":null,"challengeMetadata":null}}
            """;

    /** A Verify event answering {@code answer} to the challenge Create sealed into {@code challenge}. */
    public static String verify(String challenge, String answer) {
        return """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"alice",
                 "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
                 "triggerSource":"VerifyAuthChallengeResponse_Authentication",
                 "request":{"userAttributes":{"sub":"8f1b2c3d-0000-4000-8000-000000000001",
                   "email_verified":"true","email":"alice@example.com"},
                   "privateChallengeParameters":{"challenge":"%s"},"challengeAnswer":"%s","userNotFound":false},
                 "response":{"answerCorrect":null}}
                """
                .formatted(challenge, answer);
    }

    /** Pre token generation (version 2) after the sign-in passed: the token guard takes the sign-in's mark. */
    public static final String TOKEN_GENERATION =
            """
            {"version":"2","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"alice",
             "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
             "triggerSource":"TokenGeneration_Authentication",
             "request":{"userAttributes":{"sub":"8f1b2c3d-0000-4000-8000-000000000001",
               "cognito:user_status":"CONFIRMED","email_verified":"true","email":"alice@example.com"},
               "groupConfiguration":{"groupsToOverride":[],"iamRolesToOverride":[],"preferredRole":null},
               "scopes":["aws.cognito.signin.user.admin"]},
             "response":{"claimsAndScopeOverrideDetails":null}}
            """;

    public static final String FLOOR = "{\"hello\":\"world\"}";
}
