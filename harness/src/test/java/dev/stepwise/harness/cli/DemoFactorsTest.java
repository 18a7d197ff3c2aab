package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DemoFactorsTest {

    static Stream<Arguments> demo_everyFactor_endsInDone() {
        return Stream.of(
                arguments("email_code|phone_code", "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION"),
                arguments("email_code > totp", "CONTINUE_SIGN_IN_WITH_TOTP_SETUP"),
                arguments("email_code > backup_code", "CONFIRM_SIGN_IN_WITH_BACKUP_CODE"),
                arguments("email_link", "CONFIRM_SIGN_IN_WITH_EMAIL_LINK"),
                arguments("password > phone_code", "CONFIRM_SIGN_IN_WITH_SMS_CODE"),
                arguments("email_code > passkey", "CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP"));
    }

    @ParameterizedTest
    @MethodSource
    void demo_everyFactor_endsInDone(String policy, String step) {
        CliRun run = CliRun.run("demo", "--policy", policy);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(step).contains("DONE");
    }

    @Test
    void demo_passkeyPolicy_setsUpAPasskeyThenSignsInWithIt() {
        CliRun run = CliRun.run("demo", "--policy", "email_code > passkey");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        int setup = out.indexOf("CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP");
        int again = out.indexOf("Signing in again, with the passkey just created");
        int passkey = out.indexOf("CONFIRM_SIGN_IN_WITH_PASSKEY ");
        assertThat(setup).isPositive();
        assertThat(again).isGreaterThan(setup);
        assertThat(passkey).isGreaterThan(again);
        assertThat(out.substring(passkey)).contains("DONE");
    }
}
