package dev.stepwise.harness.emulator;

/**
 * What the emulator does when Define returns no usable decision: neither flag set and no challenge name, an unknown
 * challenge name, or PASSWORD_VERIFIER anywhere but right after SRP_A. Cognito's behaviour here is undocumented.
 */
public enum UndecidedDefine {
    /** Fail closed with {@code InvalidLambdaResponseException "Unrecognizable lambda output"} (the default). */
    INVALID_LAMBDA_RESPONSE,
    /** Fail as if Define had set failAuthentication: {@code NotAuthorizedException "Incorrect username or password."}. */
    FAIL_AUTHENTICATION
}
