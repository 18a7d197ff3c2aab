package com.example.factor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.FactorKeys;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.harness.client.BackupCodeSeeder;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@StepwiseEmulator(
        policy = "security_question > email_code",
        environment = {
            "STEPWISE_CUSTOM_FACTORS=com.example.factor.SecurityQuestionFactor",
            "STEPWISE_SECRET=" + SecurityQuestionFactorEmulatorTest.SECRET
        })
class SecurityQuestionFactorEmulatorTest {
    static final String SECRET = "c2VjdXJpdHktcXVlc3Rpb24tZXhhbXBsZS1zZWNyZXQtMzI=";
    private static final String QUESTION = "In which city were you born?";
    private static final Set<String> SHAPE = Set.of(
            "USERNAME",
            "contractVersion",
            "status",
            "attemptsRemaining",
            "step",
            "factor",
            SecurityQuestionFactor.QUESTION);

    @BeforeAll
    static void enrol(URI endpoint, Seeded user) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            new DynamoDbStateStore(dynamo, BackupCodeSeeder.EMULATOR_STATE_TABLE)
                    .put(SecurityQuestionFactor.enrolment(
                            FactorKeys.of(StepwiseKeys.fromBase64(SECRET), SecurityQuestionFactor.ID),
                            user.userPoolId(),
                            user.username(),
                            QUESTION,
                            "São Paulo"));
        }
    }

    @Test
    void signIn_wrongThenRightAnswer_retriesThenMovesToTheEmailCode(
            SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge question = (NextStep.Challenge) client.start(user.username());
        assertThat(question.stepName()).isEqualTo("CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION");
        assertThat(question.factor()).isEqualTo(SecurityQuestionFactor.ID);
        assertThat(question.parameters()).containsEntry(SecurityQuestionFactor.QUESTION, QUESTION);
        assertThat(question.attemptsRemaining()).isEqualTo(3);

        NextStep.Challenge again = (NextStep.Challenge) client.answer(question, "Lisbon");
        assertThat(again.factor()).isEqualTo(SecurityQuestionFactor.ID);
        assertThat(again.attemptsRemaining()).isEqualTo(2);

        NextStep next = client.answer(again, "  sao   PAULO ");
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge email = (NextStep.Challenge) next;
        assertThat(email.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10))))
                .isInstanceOf(NextStep.Done.class);
    }

    @Test
    void signIn_unknownUser_getsADecoyQuestionShapedLikeARealOneThatNoAnswerPasses(SignInClient client, Seeded user) {
        NextStep.Challenge real = (NextStep.Challenge) client.start(user.username());
        NextStep.Challenge decoy = (NextStep.Challenge) client.start("nobody-here");

        assertThat(real.parameters().keySet()).isEqualTo(SHAPE);
        assertThat(decoy.parameters().keySet()).isEqualTo(real.parameters().keySet());
        assertThat(decoy.stepName()).isEqualTo(real.stepName());
        assertThat(decoy.status()).isEqualTo(real.status());
        assertThat(decoy.attemptsRemaining()).isEqualTo(real.attemptsRemaining());
        assertThat(SecurityQuestionFactor.DECOY_QUESTIONS)
                .contains(decoy.parameters().get("question"));
        assertThat(((NextStep.Challenge) client.start("nobody-here")).parameters())
                .containsEntry("question", decoy.parameters().get("question"));

        NextStep.Challenge wrong = (NextStep.Challenge) client.answer(decoy, "São Paulo");
        assertThat(wrong.factor()).isEqualTo(SecurityQuestionFactor.ID);
        assertThat(wrong.attemptsRemaining()).isEqualTo(2);
    }
}
