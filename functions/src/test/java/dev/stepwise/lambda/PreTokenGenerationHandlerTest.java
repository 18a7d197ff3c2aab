package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.read;
import static dev.stepwise.lambda.LambdaJson.tree;
import static dev.stepwise.lambda.LambdaJson.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.SignInMark;
import dev.stepwise.core.SignInMarks;
import dev.stepwise.core.TokenGuard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreTokenGenerationHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final SignInMarks marks = new SignInMarks(store, new SecureRandom());
    private final List<String> lines = new ArrayList<>();
    private final PreTokenGenerationHandler v2 =
            new PreTokenGenerationHandler(new TokenGuard(marks, true), CLOCK, lines::add);
    private final PreTokenGenerationV1Handler v1 =
            new PreTokenGenerationV1Handler(new TokenGuard(marks, true), CLOCK, lines::add);

    /** Through the JSON entry point, as Lambda's runtime calls the handler. */
    private JsonNode runV2(String trigger, String client) {
        return tree(stream(fixture("pre_token_v2.json", Map.of("trigger", trigger, "client", client))));
    }

    private String stream(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            v2.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Through the typed entry point, the event read and the answer written by the runtime's serializer. */
    private JsonNode runV2Typed(String trigger, String client) {
        String in = fixture("pre_token_v2.json", Map.of("trigger", trigger, "client", client));
        CognitoUserPoolPreTokenGenerationEventV2 event = read(in, CognitoUserPoolPreTokenGenerationEventV2.class);
        return tree(write(v2.handleRequest(event, null), CognitoUserPoolPreTokenGenerationEventV2.class));
    }

    @Test
    void handleRequest_v2ThroughJson_theResponseTheRuntimesSerializerWrites() {
        SignInMark mark = new SignInMark(List.of("password", "totp"), NOW, false);
        marks.leave("us-east-1_EXAMPLE", "alice", "client1", mark, NOW);
        JsonNode stream = runV2("TokenGeneration_Authentication", "client1");
        marks.leave("us-east-1_EXAMPLE", "alice", "client1", mark, NOW);
        JsonNode typed = runV2Typed("TokenGeneration_Authentication", "client1");

        assertThat(stream.get("response")).isEqualTo(typed.get("response"));
        // The request goes back as Cognito sent it (the runtime's serializer dropped its nulls).
        assertThat(stream.get("request"))
                .isEqualTo(tree(fixture(
                                "pre_token_v2.json",
                                Map.of("trigger", "TokenGeneration_Authentication", "client", "client1")))
                        .get("request"));
        // A refresh adds no claims: the runtime's serializer writes the response Cognito sent without its null
        // field; the stream handler writes it back as sent (the refresh test holds that exactly).
        assertThat(runV2Typed("TokenGeneration_RefreshTokens", "client1").get("response"))
                .isEqualTo(tree("{}"));
        assertThat(runV2("TokenGeneration_RefreshTokens", "client1").get("response"))
                .isEqualTo(tree("{\"claimsAndScopeOverrideDetails\":null}"));
    }

    @Test
    void handleRequest_v2BodyThatIsNotAnEvent_noTokensTheFixedTextAndTheReasonLogged() {
        for (String body : List.of("not json", "[]", "{\"userName\": {}}", "{\"a\": 1, \"a\": 2}")) {
            lines.clear();
            assertThatThrownBy(() -> stream(body))
                    .isInstanceOf(SignInFailedException.class)
                    .hasMessage(SignInFailedException.MESSAGE);
            assertThat(lines).singleElement().asString().contains("\"outcome\":\"error\"", "MalformedEventException");
        }
    }

    private JsonNode runV1(String trigger, String client) {
        String in = fixture("pre_token_v1.json", Map.of("trigger", trigger, "client", client));
        CognitoUserPoolPreTokenGenerationEvent event = read(in, CognitoUserPoolPreTokenGenerationEvent.class);
        return tree(write(v1.handleRequest(event, null), CognitoUserPoolPreTokenGenerationEvent.class));
    }

    @Test
    void handleRequest_v2Marked_claimsInBothTokensGroupsKept() {
        marks.leave(
                "us-east-1_EXAMPLE", "alice", "client1", new SignInMark(List.of("password", "totp"), NOW, false), NOW);

        JsonNode out = runV2("TokenGeneration_Authentication", "client1");

        JsonNode details = out.at("/response/claimsAndScopeOverrideDetails");
        for (String token : List.of("idTokenGeneration", "accessTokenGeneration")) {
            assertThat(details.at("/" + token + "/claimsToAddOrOverride/stepwise:amr")
                            .asText())
                    .isEqualTo("pwd otp mfa");
            assertThat(details.at("/" + token + "/claimsToAddOrOverride/stepwise:last_step_at")
                            .asText())
                    .isEqualTo(Long.toString(NOW.getEpochSecond()));
        }
        assertThat(details.path("groupOverrideDetails").isNull()
                        || details.path("groupOverrideDetails").isMissingNode())
                .isTrue();
        assertThat(lines).singleElement().asString().contains("\"outcome\":\"marked\"");
    }

    @Test
    void handleRequest_v2WithoutMark_throwsTheFixedText() {
        assertThatThrownBy(() -> runV2("TokenGeneration_Authentication", "client1"))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE);
        assertThat(lines)
                .singleElement()
                .asString()
                .contains("\"outcome\":\"error\"")
                .contains("no sign-in mark");
    }

    @Test
    void handleRequest_v2MarkOfAnotherClient_throws() {
        marks.leave("us-east-1_EXAMPLE", "alice", "client1", new SignInMark(List.of("email_code"), NOW, false), NOW);

        assertThatThrownBy(() -> runV2("TokenGeneration_Authentication", "client2"))
                .isInstanceOf(SignInFailedException.class);
    }

    @Test
    void handleRequest_v2Refresh_passesUnchanged() {
        JsonNode out = runV2("TokenGeneration_RefreshTokens", "client1");

        // No claims to add: the response goes back as Cognito sent it, not as null.
        assertThat(out.get("response")).isEqualTo(tree("{\"claimsAndScopeOverrideDetails\":null}"));

        JsonNode details = out.at("/response/claimsAndScopeOverrideDetails");
        assertThat(details.isNull() || details.isMissingNode()).isTrue();
    }

    @Test
    void handleRequest_v1Marked_claimsInIdToken() {
        marks.leave("us-east-1_EXAMPLE", "alice", "client1", new SignInMark(List.of("email_code"), NOW, false), NOW);

        JsonNode out = runV1("TokenGeneration_Authentication", "client1");

        assertThat(out.at("/response/claimsOverrideDetails/claimsToAddOrOverride/stepwise:amr")
                        .asText())
                .isEqualTo("otp");
    }

    @Test
    void handleRequest_v1HostedAuthWithoutMark_throws() {
        assertThatThrownBy(() -> runV1("TokenGeneration_HostedAuth", "client1"))
                .isInstanceOf(SignInFailedException.class);
    }

    @Test
    void handleRequest_notATokenEvent_throws() {
        assertThatThrownBy(() -> runV2("DefineAuthChallenge_Authentication", "client1"))
                .isInstanceOf(SignInFailedException.class);
    }

    @Test
    void construct_guardWithoutStateTable_explainsTheFix() {
        assertThatThrownBy(() -> new PreTokenGenerationHandler(Map.of(
                        "STEPWISE_SECRET", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                        "STEPWISE_ABUSE_CONTROLS", "off")))
                .isInstanceOf(dev.stepwise.core.ConfigurationException.class)
                .hasMessageContaining("STEPWISE_STATE_TABLE");
        assertThatThrownBy(() -> new PreTokenGenerationHandler(Map.of("STEPWISE_TOKEN_GUARD", "maybe")))
                .hasMessageContaining("STEPWISE_TOKEN_GUARD");
    }
}
