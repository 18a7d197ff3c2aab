package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.ChallengeContract;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorRegistry;
import dev.stepwise.core.FactorSettings;
import dev.stepwise.core.MessageTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReadmeTest {
    private static String doc(String page) throws IOException {
        return Files.readString(Path.of("..", "docs", page));
    }

    @Test
    void configurationTable_everySetting_listedWithItsDefault() throws IOException {
        String readme = doc("configuration.md");

        assertThat(Arrays.stream(FunctionSetting.values())).allSatisfy(setting -> {
            assertThat(readme).contains("`" + setting.name() + "`");
            if (setting.defaultValue() != null) {
                assertThat(readme).contains("`" + setting.defaultValue() + "`");
            }
        });
    }

    @Test
    void contractTable_everyKeyAndStepName_listed() throws IOException {
        String readme = doc("challenge-contract.md");

        assertThat(readme)
                .contains("| `" + ChallengeContract.CONTRACT_VERSION + "` |")
                .contains("| `" + ChallengeContract.STEP + "` |")
                .contains("| `" + ChallengeContract.FACTOR + "` |")
                .contains("| `" + ChallengeContract.STATUS + "` |")
                .contains("| `" + ChallengeContract.DELIVERY_MEDIUM + "` |")
                .contains("| `" + ChallengeContract.DESTINATION + "` |")
                .contains("| `" + ChallengeContract.ATTEMPTS_REMAINING + "` |")
                .contains("| `" + ChallengeContract.CODE_LENGTH + "` |")
                .contains("| `" + ChallengeContract.EXPIRES_AT + "` |")
                .contains("| `" + ChallengeContract.OPTIONS + "` |")
                .contains("| `" + ChallengeContract.OTPAUTH_URI + "` |")
                .contains("| `" + ChallengeContract.BACKUP_CODES_REMAINING + "` |")
                .contains("| `" + ChallengeContract.ERROR + "` |")
                .contains("`" + ChallengeContract.TOTP_SETUP + "`")
                .contains("`" + ChallengeContract.FIRST_FACTOR_SELECTION + "`")
                .contains("`" + ChallengeContract.MFA_SELECTION + "`");
        assertThat(FactorRegistry.builtIns(new MessageTemplates("s", "{code}", "{code}"), FactorSettings.DEFAULT)
                        .handlers())
                .hasSize(Factor.builtIns().size() - 1)
                .allSatisfy(f -> assertThat(readme).contains("`" + f.stepName() + "`"));
    }
}
