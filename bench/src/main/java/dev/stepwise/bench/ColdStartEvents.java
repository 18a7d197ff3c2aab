package dev.stepwise.bench;

/** The first-round events of an email-code sign-in, shaped like Cognito's, for any user of the benchmark's pool. */
final class ColdStartEvents {
    private ColdStartEvents() {}

    /** The address of {@code user}. */
    static String email(String user) {
        return user + "@example.com";
    }

    /** Define's first round for {@code user}. */
    static String define(String user) {
        return """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"%1$s",
                 "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
                 "triggerSource":"DefineAuthChallenge_Authentication",
                 "request":{"userAttributes":{"sub":"sub-%1$s","cognito:user_status":"CONFIRMED",
                   "email_verified":"true","email":"%1$s@example.com"},"session":[],"userNotFound":false},
                 "response":{"challengeName":null,"issueTokens":null,"failAuthentication":null}}
                """
                .formatted(user);
    }

    /** Create's first round for {@code user}. */
    static String create(String user) {
        return """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"%1$s",
                 "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
                 "triggerSource":"CreateAuthChallenge_Authentication",
                 "request":{"userAttributes":{"sub":"sub-%1$s","cognito:user_status":"CONFIRMED",
                   "email_verified":"true","email":"%1$s@example.com"},
                   "challengeName":"CUSTOM_CHALLENGE","session":[],"userNotFound":false},
                 "response":{"publicChallengeParameters":null,"privateChallengeParameters":null,
                   "challengeMetadata":null}}
                """
                .formatted(user);
    }

    /** Verify answering {@code answer} to the challenge Create sealed into {@code challenge} for {@code user}. */
    static String verify(String user, String challenge, String answer) {
        return """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_BENCH","userName":"%1$s",
                 "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"bench-client"},
                 "triggerSource":"VerifyAuthChallengeResponse_Authentication",
                 "request":{"userAttributes":{"sub":"sub-%1$s","email_verified":"true","email":"%1$s@example.com"},
                   "privateChallengeParameters":{"challenge":"%2$s"},"challengeAnswer":"%3$s","userNotFound":false},
                 "response":{"answerCorrect":null}}
                """
                .formatted(user, challenge, answer);
    }
}
