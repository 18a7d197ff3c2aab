package dev.stepwise.audit;

/**
 * What the audit knows beyond the pool itself.
 *
 * @param policy the Stepwise policy the pool's triggers run (e.g. {@code password > email_code}), used to tell whether
 *     account recovery shares a channel with a factor; {@code null} when unknown
 * @param define the Define Auth Challenge ARN the pool should have, or {@code null} to only check that one is set
 * @param create the Create Auth Challenge ARN the pool should have, or {@code null}
 * @param verify the Verify Auth Challenge Response ARN the pool should have, or {@code null}
 * @param checkTriggers whether to check the pool's custom-auth triggers at all (false when they are about to be set)
 */
public record AuditOptions(String policy, String define, String create, String verify, boolean checkTriggers) {

    /** No policy, no expected triggers; checks that triggers are set. */
    public static AuditOptions defaults() {
        return new AuditOptions(null, null, null, null, true);
    }

    /** Whether expected trigger ARNs were given. */
    boolean expectsTriggers() {
        return define != null || create != null || verify != null;
    }
}
