package dev.stepwise.harness.emulator;

/**
 * The triggers the emulator runs: their LambdaConfig key (also the name in error messages), their usual trigger
 * source, and whether their output must carry a {@code response} object (the custom-auth three decide through it; the
 * others may answer with the event as they got it).
 */
enum Trigger {
    DEFINE("DefineAuthChallenge", "DefineAuthChallenge_Authentication", true),
    CREATE("CreateAuthChallenge", "CreateAuthChallenge_Authentication", true),
    VERIFY("VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication", true),
    PRE_AUTHENTICATION("PreAuthentication", "PreAuthentication_Authentication", false),
    POST_AUTHENTICATION("PostAuthentication", "PostAuthentication_Authentication", false),
    PRE_TOKEN_GENERATION("PreTokenGeneration", "TokenGeneration_Authentication", false),
    POST_CONFIRMATION("PostConfirmation", "PostConfirmation_ConfirmSignUp", false);

    final String configKey;
    final String triggerSource;
    final boolean requiresResponse;

    Trigger(String configKey, String triggerSource, boolean requiresResponse) {
        this.configKey = configKey;
        this.triggerSource = triggerSource;
        this.requiresResponse = requiresResponse;
    }
}
