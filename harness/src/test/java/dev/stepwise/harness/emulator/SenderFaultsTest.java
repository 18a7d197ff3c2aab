package dev.stepwise.harness.emulator;

import static dev.stepwise.harness.emulator.SenderFault.Service.SES;
import static dev.stepwise.harness.emulator.SenderFault.Service.SNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

class SenderFaultsTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private CognitoEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A fresh emulator per test, built by hand: the faults' applied counts, which tests assert, start at zero. */
    @BeforeEach
    void start() {
        emulator = CognitoEmulator.builder().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private SesV2Client ses(int maxAttempts, Duration attemptTimeout) {
        return SesV2Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        o -> o.retryStrategy(r -> r.maxAttempts(maxAttempts)).apiCallAttemptTimeout(attemptTimeout))
                .build();
    }

    private SnsClient sns(int maxAttempts) {
        return SnsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(maxAttempts)))
                .build();
    }

    private static void sendEmail(SesV2Client ses) {
        ses.sendEmail(r -> r.fromEmailAddress("from@example.com")
                .destination(d -> d.toAddresses("to@example.com"))
                .content(c -> c.simple(
                        m -> m.subject(s -> s.data("Your code")).body(b -> b.text(t -> t.data("Code 123456"))))));
    }

    private static void publish(SnsClient sns) {
        sns.publish(r -> r.phoneNumber("+15555550100").message("Code 123456"));
    }

    private HttpResponse<String> request(String method, String pathAndQuery, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sendEmail_throttledTwice_sdkSeesTooManyRequestsAsThrottlingAndNothingIsKept() {
        emulator.senderFaults().add(SenderFault.throttle(SES).times(2));
        try (SesV2Client ses = ses(1, Duration.ofSeconds(5))) {
            for (int i = 0; i < 2; i++) {
                TooManyRequestsException e = catchThrowableOfType(() -> sendEmail(ses), TooManyRequestsException.class);
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(RetryUtils.isThrottlingException(e)).isTrue();
            }
            assertThat(emulator.mailbox().emails()).isEmpty();
            sendEmail(ses);
        }
        assertThat(emulator.mailbox().emails()).hasSize(1);
        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(2);
        assertThat(emulator.senderFaults().pending()).isEmpty();
    }

    @Test
    void sendEmail_throttledTwiceWithSdkRetries_succeedsOnTheThirdAttemptWithOneMessage() {
        emulator.senderFaults().add(SenderFault.throttle(SES).times(2));
        try (SesV2Client ses = ses(3, Duration.ofSeconds(5))) {
            sendEmail(ses);
        }
        assertThat(emulator.mailbox().emails()).hasSize(1);
        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(2);
    }

    @Test
    void sendEmail_error_isAServerFaultTheSdkRetries() {
        emulator.senderFaults().add(SenderFault.error(SES));
        try (SesV2Client ses = ses(2, Duration.ofSeconds(5))) {
            AwsServiceException e = catchThrowableOfType(() -> sendEmail(ses), AwsServiceException.class);
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(e.isThrottlingException()).isFalse();
        }
        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(2);
        assertThat(emulator.mailbox().emails()).isEmpty();
    }

    @Test
    void sendEmail_reject_isMessageRejectedWhichTheSdkDoesNotRetry() {
        emulator.senderFaults().add(SenderFault.reject(SES));
        try (SesV2Client ses = ses(3, Duration.ofSeconds(5))) {
            MessageRejectedException e = catchThrowableOfType(() -> sendEmail(ses), MessageRejectedException.class);
            assertThat(e.statusCode()).isEqualTo(400);
        }
        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(1);
    }

    @Test
    @Tag("slow")
    void sendEmail_delayLongerThanTheCallersTimeout_keepsTheMessageAndTimesTheCallerOut() {
        emulator.senderFaults()
                .add(SenderFault.delay(SES, Duration.ofMillis(1500)).times(1));
        try (SesV2Client ses = ses(1, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> sendEmail(ses)).isInstanceOf(ApiCallAttemptTimeoutException.class);
            assertThat(emulator.mailbox().emails()).hasSize(1);
            long start = System.nanoTime();
            sendEmail(ses);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        }
        assertThat(emulator.mailbox().emails()).hasSize(2);
    }

    @Test
    @Tag("slow")
    void sendEmail_delay_holdsTheReplyWithoutHoldingOtherRequests() throws Exception {
        emulator.senderFaults()
                .add(SenderFault.delay(SES, Duration.ofMillis(700)).times(1));
        try (SesV2Client ses = ses(1, Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            Thread slow = new Thread(() -> sendEmail(ses));
            slow.start();
            while (emulator.senderFaults().applied(SES) == 0) {
                Thread.sleep(5);
            }
            assertThat(request("GET", "/_aws/ses", null).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
            slow.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void publish_throttle_isThrottlingHttp400AsSnsAnswers() {
        emulator.senderFaults().add(SenderFault.throttle(SNS).times(1));
        try (SnsClient sns = sns(1)) {
            AwsServiceException e = catchThrowableOfType(() -> publish(sns), AwsServiceException.class);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.isThrottlingException()).isTrue();
            publish(sns);
        }
        assertThat(emulator.mailbox().smsMessages()).hasSize(1);
    }

    @Test
    void publish_error_isInternalErrorHttp500AndRetried() {
        emulator.senderFaults().add(SenderFault.error(SNS).times(2));
        try (SnsClient sns = sns(1)) {
            InternalErrorException e = catchThrowableOfType(() -> publish(sns), InternalErrorException.class);
            assertThat(e.statusCode()).isEqualTo(500);
        }
        try (SnsClient sns = sns(3)) {
            publish(sns);
        }
        assertThat(emulator.senderFaults().applied(SNS)).isEqualTo(2);
        assertThat(emulator.mailbox().smsMessages()).hasSize(1);
    }

    @Test
    void publish_reject_isInvalidParameter() {
        emulator.senderFaults().add(SenderFault.reject(SNS).times(1));
        try (SnsClient sns = sns(3)) {
            assertThatThrownBy(() -> publish(sns)).isInstanceOf(InvalidParameterException.class);
        }
        assertThat(emulator.mailbox().smsMessages()).isEmpty();
    }

    @Test
    void faults_ofOneService_leaveTheOtherAlone() {
        emulator.senderFaults().add(SenderFault.error(SNS));
        try (SesV2Client ses = ses(1, Duration.ofSeconds(5))) {
            sendEmail(ses);
        }
        assertThat(emulator.mailbox().emails()).hasSize(1);
    }

    @Test
    void faults_queued_applyInOrder() {
        emulator.senderFaults().add(SenderFault.throttle(SES).times(1));
        emulator.senderFaults().add(SenderFault.reject(SES).times(1));
        try (SesV2Client ses = ses(1, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sendEmail(ses)).isInstanceOf(TooManyRequestsException.class);
            assertThatThrownBy(() -> sendEmail(ses)).isInstanceOf(MessageRejectedException.class);
            sendEmail(ses);
        }
    }

    @Test
    void builder_senderFault_appliesFromTheStart() {
        try (CognitoEmulator faulty = CognitoEmulator.builder()
                        .senderFault(SenderFault.throttle(SES).times(3))
                        .start();
                SesV2Client ses = SesV2Client.builder()
                        .endpointOverride(faulty.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                        .build()) {
            assertThatThrownBy(() -> sendEmail(ses)).isInstanceOf(TooManyRequestsException.class);
            assertThat(faulty.senderFaults().pending())
                    .containsExactly(new SenderFault(SES, SenderFault.Mode.THROTTLE, 2, Duration.ZERO));
        }
    }

    @Test
    void httpControl_postGetDelete_managesFaults() throws Exception {
        HttpResponse<String> added =
                request("POST", "/_stepwise/faults", "{\"service\":\"ses\",\"mode\":\"throttle\",\"count\":2}");
        assertThat(added.statusCode()).isEqualTo(200);
        request("POST", "/_stepwise/faults", "{\"service\":\"sns\",\"mode\":\"delay\",\"delayMillis\":6000}");
        JsonNode listed = new ObjectMapper()
                .readTree(request("GET", "/_stepwise/faults", null).body());
        assertThat(listed.toString())
                .isEqualTo("{\"faults\":[{\"service\":\"ses\",\"mode\":\"throttle\",\"count\":2},"
                        + "{\"service\":\"sns\",\"mode\":\"delay\",\"count\":null,\"delayMillis\":6000}]}");
        assertThat(emulator.senderFaults().pending())
                .containsExactly(SenderFault.throttle(SES).times(2), SenderFault.delay(SNS, Duration.ofSeconds(6)));
        assertThat(request("DELETE", "/_stepwise/faults?service=sns", null).statusCode())
                .isEqualTo(204);
        assertThat(emulator.senderFaults().pending())
                .containsExactly(SenderFault.throttle(SES).times(2));
        request("DELETE", "/_stepwise/faults", null);
        assertThat(emulator.senderFaults().pending()).isEmpty();
    }

    @Test
    void httpControl_badFault_isRefusedWithWhatToSend() throws Exception {
        for (String body : List.of(
                "{\"service\":\"ses\",\"mode\":\"explode\"}",
                "{\"service\":\"s3\",\"mode\":\"throttle\"}",
                "{\"service\":\"ses\",\"mode\":\"delay\"}",
                "{\"service\":\"ses\",\"mode\":\"throttle\",\"count\":0}",
                "{\"service\":\"ses\",\"mode\":\"throttle\",\"delayMillis\":5}",
                "{\"service\":\"ses\",\"mode\":\"throttle\",\"times\":2}",
                "[1]",
                "not json")) {
            HttpResponse<String> response = request("POST", "/_stepwise/faults", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains("ValidationException", "Cannot use this fault");
        }
        assertThat(emulator.senderFaults().pending()).isEmpty();
    }

    @Test
    void senderFault_invalidValues_areRefused() {
        assertThatThrownBy(() -> SenderFault.throttle(SES).times(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SenderFault.delay(SES, Duration.ZERO)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> SenderFault.delay(SES, Duration.ofMinutes(2))).hasMessageContaining("at most 60 s");
        assertThatThrownBy(() -> new SenderFault(SES, SenderFault.Mode.ERROR, 1, Duration.ofMillis(5)))
                .hasMessageContaining("only the delay mode");
    }
}
