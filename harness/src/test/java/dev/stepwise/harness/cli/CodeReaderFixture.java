package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.CodeDeliveryDetails;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInSession;
import dev.stepwise.harness.client.SignInStep;
import java.util.List;
import java.util.Map;

final class CodeReaderFixture {

    private CodeReaderFixture() {}

    static NextStep.Challenge emailChallenge() {
        return new NextStep.Challenge(
                SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE,
                "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                "needs_second_factor",
                "email_code",
                List.of(),
                new CodeDeliveryDetails("EMAIL", "a***@e***.com"),
                3,
                6,
                null,
                null,
                1,
                new SignInSession("CUSTOM_CHALLENGE", "s", "alice", Map.of()));
    }
}
