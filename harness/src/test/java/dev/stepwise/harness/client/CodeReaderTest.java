package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeReaderTest {

    static DeliveredMessage email(String to, String body) {
        return new DeliveredMessage("EMAIL", to, "Your sign-in code", body, null);
    }

    static NextStep.Challenge emailChallenge(String masked) {
        return new NextStep.Challenge(
                SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE,
                "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                "needs_second_factor",
                "email_code",
                List.of(),
                new CodeDeliveryDetails("EMAIL", masked),
                3,
                6,
                null,
                null,
                1,
                new SignInSession("CUSTOM_CHALLENGE", "s", "alice", Map.of()));
    }

    @ParameterizedTest
    @CsvSource({
        "a***@e***.com, alice@example.com, true",
        "a***@e***.com, bob@example.com, false",
        "a***@e***.com, alice@example.org, false",
        "+*******0123, +15555550123, true",
        "+*******0123, +15555550999, false",
        "alice@example.com, ALICE@example.com, true"
    })
    void maskPattern_destination_matchesOnlyFittingRecipients(String mask, String actual, boolean matches) {
        assertThat(CodeReader.maskPattern(mask).matcher(actual).matches()).isEqualTo(matches);
    }

    @Test
    void latestCode_severalMessages_returnsNewestForRecipient() {
        CodeReader reader = CodeReader.of(() -> List.of(
                email("alice@example.com", "Your sign-in code is 111111. It expires in 5 minutes."),
                email("alice@example.com", "Your sign-in code is 222222. It expires in 5 minutes."),
                email("bob@example.com", "Your sign-in code is 333333.")));

        assertThat(reader.latestCode(new CodeDeliveryDetails("EMAIL", "a***@e***.com"), 6))
                .contains("222222");
    }

    @Test
    void latestCode_codeLength_skipsOtherNumbers() {
        CodeReader reader = CodeReader.of(() -> List.of(email("alice@example.com", "Ref 20261122: code 4821, 5 min")));

        assertThat(reader.latestCode(new CodeDeliveryDetails("EMAIL", "a***@e***.com"), 4))
                .contains("4821");
    }

    @Test
    void latestCode_otherMedium_isEmpty() {
        CodeReader reader = CodeReader.of(() -> List.of(email("alice@example.com", "code 123456")));

        assertThat(reader.latestCode(new CodeDeliveryDetails("SMS", "a***@e***.com"), 6))
                .isEmpty();
    }

    @Test
    void awaitCode_messageArrivesLater_returnsIt() {
        List<DeliveredMessage> inbox = new CopyOnWriteArrayList<>();
        CodeReader reader = CodeReader.of(() -> List.copyOf(inbox));
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            inbox.add(email("alice@example.com", "Your sign-in code is 424242."));
        });
        sender.start();

        assertThat(reader.awaitCode(emailChallenge("a***@e***.com"), Duration.ofSeconds(5)))
                .isEqualTo("424242");
    }

    @Test
    void awaitCode_nothingArrives_throwsAfterTimeout() {
        CodeReader reader = CodeReader.of(List::of);

        assertThatThrownBy(() -> reader.awaitCode(emailChallenge("a***@e***.com"), Duration.ofMillis(200)))
                .isInstanceOf(CodeReader.CodeNotFoundException.class)
                .hasMessageContaining("a***@e***.com");
    }
}
