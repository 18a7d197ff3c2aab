package dev.stepwise.bench;

import java.util.Map;

/**
 * What a million sign-ins cost in AWS charges, from the calls one sign-in makes ({@link CallCounts.Counts}), the
 * handlers' measured warm compute time and public on-demand prices.
 *
 * <p>Lambda bills an invocation's wall time, rounded up to the millisecond, and a warm Stepwise handler computes for
 * microseconds: its duration is the time it waits on the services it calls, one after another. So an invocation's
 * duration here is its compute time plus one round trip per request it makes ({@link Prices#dynamoDbRoundTripMillis}
 * and the others), rounded up. The round trips are assumptions, stated with the prices; the request counts are
 * measured.
 *
 * @param lambda invocations, all functions
 * @param lambdaGbSeconds billed duration × memory
 * @param readUnits state-table read request units ({@code GetItem}, {@code Query}: strongly consistent, items under 4
 *     KB, one unit each)
 * @param writeUnits state-table write request units ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}: items
 *     under 1 KB, one unit each, refused conditional writes included)
 * @param kms KMS requests
 * @param secretsManager Secrets Manager requests
 * @param emails SES emails
 * @param sms SNS text messages
 * @param prices the prices used
 */
public record SignInCost(
        long lambda,
        double lambdaGbSeconds,
        long readUnits,
        long writeUnits,
        long kms,
        long secretsManager,
        long emails,
        long sms,
        Prices prices) {

    /**
     * Public prices, in US dollars, of one region.
     *
     * @param region the region the prices are for
     * @param date when they were looked up
     * @param lambdaPerGbSecond Lambda duration, arm64
     * @param lambdaPerRequest Lambda requests
     * @param memoryGb the functions' memory (the deployed size)
     * @param readUnit DynamoDB on-demand, one read request unit
     * @param writeUnit DynamoDB on-demand, one write request unit
     * @param kmsRequest one KMS request (symmetric key)
     * @param secretsManagerRequest one Secrets Manager API call
     * @param email one SES email (outbound)
     * @param sms one SNS text message part to a US number, base price before carrier fees (it varies with the
     *     origination identity)
     * @param dynamoDbRoundTripMillis the assumed round trip of one state-table request from Lambda in the same region
     * @param kmsRoundTripMillis the assumed round trip of one KMS request
     * @param sendRoundTripMillis the assumed round trip of one SES or SNS send
     */
    public record Prices(
            String region,
            String date,
            double lambdaPerGbSecond,
            double lambdaPerRequest,
            double memoryGb,
            double readUnit,
            double writeUnit,
            double kmsRequest,
            double secretsManagerRequest,
            double email,
            double sms,
            double dynamoDbRoundTripMillis,
            double kmsRoundTripMillis,
            double sendRoundTripMillis) {}

    /**
     * us-east-1 on-demand prices as published on the AWS pricing pages (looked up 2026-12-02; docs/performance.md
     * names the pages), 1,024 MB functions (the CDK construct's default), and round trips of 5 ms to DynamoDB, 10 ms
     * to KMS and 40 ms to SES or SNS.
     */
    public static final Prices US_EAST_1 = new Prices(
            "us-east-1",
            "2026-12-02",
            0.0000133334,
            0.20 / 1e6,
            1.0,
            0.125 / 1e6,
            0.625 / 1e6,
            0.03 / 1e4,
            0.05 / 1e4,
            0.10 / 1e3,
            0.00581,
            5,
            10,
            40);

    /**
     * The cost of one sign-in of {@code counts}.
     *
     * @param computeNanos each function's warm compute time ({@code Define}, {@code Create}, {@code Verify},
     *     {@code TokenGuard}); a function missing from it is billed for its round trips only
     */
    public static SignInCost of(CallCounts.Counts counts, Map<String, Double> computeNanos, Prices prices) {
        long invocations = 0;
        double gbSeconds = 0;
        for (Map.Entry<String, Map<String, Long>> function : counts.calls().entrySet()) {
            Map<String, Long> calls = function.getValue();
            long invoked = calls.getOrDefault("lambda Invoke", 0L);
            if (invoked == 0) {
                continue;
            }
            long dynamo = sum(calls, "dynamodb ");
            long kms = sum(calls, "kms ");
            long sends = sum(calls, "ses ") + sum(calls, "sns ");
            double waitMillis = dynamo * prices.dynamoDbRoundTripMillis()
                    + kms * prices.kmsRoundTripMillis()
                    + sends * prices.sendRoundTripMillis();
            double computeMillis = computeNanos.getOrDefault(function.getKey(), 0.0) / 1e6 * invoked;
            double billedMillis = Math.ceil((waitMillis + computeMillis) / invoked) * invoked;
            invocations += invoked;
            gbSeconds += billedMillis / 1000 * prices.memoryGb();
        }
        return new SignInCost(
                invocations,
                gbSeconds,
                reads(counts),
                writes(counts),
                counts.total("kms"),
                counts.total("secretsmanager"),
                counts.total("ses"),
                counts.total("sns"),
                prices);
    }

    private static long reads(CallCounts.Counts counts) {
        return counts.calls().values().stream()
                .mapToLong(m -> m.getOrDefault("dynamodb GetItem", 0L) + m.getOrDefault("dynamodb Query", 0L))
                .sum();
    }

    private static long writes(CallCounts.Counts counts) {
        return counts.calls().values().stream()
                .mapToLong(m -> m.getOrDefault("dynamodb PutItem", 0L)
                        + m.getOrDefault("dynamodb UpdateItem", 0L)
                        + m.getOrDefault("dynamodb DeleteItem", 0L))
                .sum();
    }

    private static long sum(Map<String, Long> calls, String prefix) {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Lambda's charge for a million sign-ins: requests and duration. */
    public double lambdaPerMillion() {
        return 1e6 * (lambda * prices.lambdaPerRequest() + lambdaGbSeconds * prices.lambdaPerGbSecond());
    }

    /** The state table's charge for a million sign-ins. */
    public double dynamoDbPerMillion() {
        return 1e6 * (readUnits * prices.readUnit() + writeUnits * prices.writeUnit());
    }

    /** KMS's charge for a million sign-ins. */
    public double kmsPerMillion() {
        return 1e6 * kms * prices.kmsRequest();
    }

    /** Secrets Manager's charge for a million sign-ins (its reads happen at init, so usually none per sign-in). */
    public double secretsManagerPerMillion() {
        return 1e6 * secretsManager * prices.secretsManagerRequest();
    }

    /** What the functions cost: Lambda, the state table, KMS and Secrets Manager, for a million sign-ins. */
    public double functionsPerMillion() {
        return lambdaPerMillion() + dynamoDbPerMillion() + kmsPerMillion() + secretsManagerPerMillion();
    }

    /** The messages' charge for a million sign-ins: SES emails and SNS texts. */
    public double messagesPerMillion() {
        return 1e6 * (emails * prices.email() + sms * prices.sms());
    }
}
