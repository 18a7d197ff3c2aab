package dev.stepwise.bench.timing;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SenderFault;
import dev.stepwise.harness.load.Percentiles;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Measures whether the time {@code InitiateAuth} takes tells existing usernames from unknown ones: an in-process
 * emulator with the bundled triggers (policy {@code email_code}, an app client with
 * {@code PreventUserExistenceErrors=ENABLED}) answers sign-ins of distinct existing users (Create sends a code through
 * the emulator's SES v2 endpoint) and of distinct unknown usernames (Create presents a decoy and imitates the send),
 * one at a time, interleaved in ABBA order so both kinds meet the same machine load, after an unmeasured warm-up.
 * Each user signs in once, so the abuse controls' send limits never stop one.
 *
 * <p>The emulator's own SES endpoint answers on loopback in a few milliseconds, far faster than SES answers a Lambda
 * function, and at that scale the machine's scheduling noise (other processes preempting the emulator's threads)
 * swamps what the triggers do. So by default each real send is answered after a provider latency drawn from a
 * log-normal distribution (median 40 ms, σ 0.25: p95 about 60 ms), through the emulator's delay fault; the decoy must
 * then imitate a realistic, skewed send time, which is what could give unknown users away.
 * {@link Builder#sendLatency(Duration, double)} with {@link Duration#ZERO} measures the bare loopback send instead.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class EnumerationTiming {

    private final int samples;
    private final int warmup;
    private final Map<String, String> environment;
    private final Duration sendMedian;
    private final double sendSigma;
    private final Random random;

    private EnumerationTiming(Builder builder) {
        this.samples = builder.samples;
        this.warmup = builder.warmup;
        this.environment = Map.copyOf(builder.environment);
        this.sendMedian = builder.sendMedian;
        this.sendSigma = builder.sendSigma;
        this.random = new Random(builder.seed);
    }

    /** A builder with the defaults: 300 measured sign-ins of each kind after 50 of each for warm-up. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the measurement (a fresh emulator each time) and returns the latencies. */
    public EnumerationReport run() {
        Map<String, String> settings = new HashMap<>();
        settings.put("STEPWISE_POLICY", "email_code");
        settings.putAll(environment);
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(settings)
                .functionLog(line -> {})
                .start()) {
            Seeded seeded = emulator.seed();
            int total = warmup + samples;
            String run = UUID.randomUUID().toString().substring(0, 8);
            createUsers(emulator.endpoint(), seeded.userPoolId(), run, total);
            long[] known = new long[samples];
            long[] unknown = new long[samples];
            try (SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region("us-east-1")
                    .userPoolId(seeded.userPoolId())
                    .clientId(seeded.clientId())
                    .build()) {
                for (int i = 0; i < total; i++) {
                    boolean knownFirst = i % 2 == 0;
                    long first = knownFirst ? timeKnown(emulator, client, run, i) : time(client, unknownName(run, i));
                    long second = knownFirst ? time(client, unknownName(run, i)) : timeKnown(emulator, client, run, i);
                    if (i >= warmup) {
                        known[i - warmup] = knownFirst ? first : second;
                        unknown[i - warmup] = knownFirst ? second : first;
                    }
                }
            }
            return new EnumerationReport(Percentiles.of(known), Percentiles.of(unknown));
        }
    }

    private long timeKnown(CognitoEmulator emulator, SignInClient client, String run, int i) {
        emulator.senderFaults().clear();
        if (!sendMedian.isZero()) {
            long nanos = (long) (sendMedian.toNanos() * Math.exp(sendSigma * random.nextGaussian()));
            emulator.senderFaults()
                    .add(SenderFault.delay(SenderFault.Service.SES, Duration.ofNanos(Math.max(1, nanos)))
                            .times(1));
        }
        return time(client, knownName(run, i));
    }

    private static long time(SignInClient client, String username) {
        long start = System.nanoTime();
        NextStep step = client.start(username);
        long took = System.nanoTime() - start;
        if (!(step instanceof NextStep.Challenge)) {
            throw new IllegalStateException("InitiateAuth for " + username + " did not present a challenge but " + step
                    + "; the measurement needs the email_code policy and PreventUserExistenceErrors");
        }
        return took;
    }

    private static String knownName(String run, int i) {
        return "known-" + run + "-" + i;
    }

    private static String unknownName(String run, int i) {
        return "nobody-" + run + "-" + i;
    }

    private static void createUsers(URI endpoint, String userPoolId, String run, int count) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            for (int i = 0; i < count; i++) {
                String name = knownName(run, i);
                cognito.adminCreateUser(r -> r.userPoolId(userPoolId)
                        .username(name)
                        .messageAction("SUPPRESS")
                        .userAttributes(a -> a.name("email").value(name + "@example.com"), a -> a.name("email_verified")
                                .value("true")));
            }
        }
    }

    /** Options for {@link EnumerationTiming}. Not thread-safe. */
    public static final class Builder {
        private int samples = 300;
        private int warmup = 50;
        private Map<String, String> environment = Map.of();
        private Duration sendMedian = Duration.ofMillis(40);
        private double sendSigma = 0.25;
        private long seed = 7;

        private Builder() {}

        /** Measured sign-ins of each kind (at least 20). */
        public Builder samples(int samples) {
            if (samples < 20) {
                throw new IllegalArgumentException("samples must be at least 20 per kind of user, was " + samples);
            }
            this.samples = samples;
            return this;
        }

        /** Unmeasured sign-ins of each kind first, while the JIT and the decoy's send-time estimate settle. */
        public Builder warmup(int warmup) {
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
            }
            this.warmup = warmup;
            return this;
        }

        /** Extra settings for the bundled triggers, over {@code STEPWISE_POLICY=email_code}. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The provider latency of each real send: log-normal with this median and σ (the spread of the logarithm);
         * {@link Duration#ZERO} for the emulator's bare loopback send.
         */
        public Builder sendLatency(Duration median, double sigma) {
            Objects.requireNonNull(median, "median");
            if (median.isNegative() || median.compareTo(Duration.ofSeconds(1)) > 0 || sigma < 0 || sigma > 1) {
                throw new IllegalArgumentException(
                        "send latency needs a median from 0 to 1 s and a sigma from 0 to 1, was " + median + ", "
                                + sigma);
            }
            this.sendMedian = median;
            this.sendSigma = sigma;
            return this;
        }

        /** The seed of the provider latencies drawn, so runs are comparable. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The measurement. */
        public EnumerationTiming build() {
            return new EnumerationTiming(this);
        }
    }
}
