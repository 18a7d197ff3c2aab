package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateAuthChallengeHandlerEndToEndTest {
    @Test
    void handleRequest_publicConstructorWithEndpoint_sendsCodeThroughSesEndpoint() throws IOException {
        try (LocalAwsEndpoint endpoint = new LocalAwsEndpoint();
                InputStream fixture = getClass().getResourceAsStream("/events/create_first_round.json")) {
            CreateAuthChallengeHandler handler = new CreateAuthChallengeHandler(Map.of(
                    "STEPWISE_ABUSE_CONTROLS",
                    "off",
                    "STEPWISE_SECRET",
                    Base64.getEncoder().encodeToString(new byte[32]),
                    "STEPWISE_EMAIL_FROM",
                    "no-reply@example.com",
                    "STEPWISE_EMAIL_SUBJECT",
                    "Sign-in code",
                    "STEPWISE_EMAIL_BODY",
                    "Code: {code} ({minutes} min)",
                    "STEPWISE_AWS_ENDPOINT",
                    endpoint.uri().toString(),
                    "AWS_REGION",
                    "us-east-1",
                    "AWS_ACCESS_KEY_ID",
                    "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY",
                    "secret",
                    "AWS_SESSION_TOKEN",
                    "token"));
            PojoSerializer<CognitoUserPoolCreateAuthChallengeEvent> serializer =
                    JacksonFactory.getInstance().getSerializer(CognitoUserPoolCreateAuthChallengeEvent.class);

            CognitoUserPoolCreateAuthChallengeEvent out = handler.handleRequest(serializer.fromJson(fixture), null);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializer.toJson(out, json);

            JsonNode response = new ObjectMapper()
                    .readTree(json.toString(StandardCharsets.UTF_8))
                    .get("response");
            JsonNode email =
                    new ObjectMapper().readTree(endpoint.received.get(0).body());
            assertThat(endpoint.received).hasSize(1);
            assertThat(endpoint.received.get(0).header("X-Amz-Security-Token")).isEqualTo("token");
            assertThat(email.at("/Destination/ToAddresses/0").asText()).isEqualTo("alice@example.com");
            assertThat(email.at("/Content/Simple/Subject/Data").asText()).isEqualTo("Sign-in code");
            assertThat(email.at("/Content/Simple/Body/Text/Data").asText()).matches("Code: [0-9]{6} \\(5 min\\)");
            assertThat(response.at("/publicChallengeParameters/destination").asText())
                    .isEqualTo("a***@e***.com");
            assertThat(response.at("/privateChallengeParameters/challenge").asText())
                    .isEqualTo(response.get("challengeMetadata").asText());
        }
    }
}
