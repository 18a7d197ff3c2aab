package dev.stepwise.harness.emulator;

/** The three custom-auth triggers: their LambdaConfig key (also the name in error messages) and trigger source. */
enum Trigger {
    DEFINE("DefineAuthChallenge", "DefineAuthChallenge_Authentication"),
    CREATE("CreateAuthChallenge", "CreateAuthChallenge_Authentication"),
    VERIFY("VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication");

    final String configKey;
    final String triggerSource;

    Trigger(String configKey, String triggerSource) {
        this.configKey = configKey;
        this.triggerSource = triggerSource;
    }
}
