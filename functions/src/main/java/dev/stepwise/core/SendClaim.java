package dev.stepwise.core;

import java.time.Instant;

/**
 * The claim on one round's send, from {@link PresentContext#claim}: the values to use in this round. When Cognito
 * retries Create, the first attempt's claim wins and later attempts get its values back (and
 * {@link #duplicate()}), so the round presents the secret that was actually sent. Without the abuse controls there
 * are no claims: every attempt gets its own values. {@link #toString()} shows no secret.
 */
public final class SendClaim {
    private final SendClaims.Claim claim;

    SendClaim(SendClaims.Claim claim) {
        this.claim = claim;
    }

    /** The secret to send (a code's digits, a link's id): the one offered, or the first attempt's. */
    public String secret() {
        return claim.secret();
    }

    /** The sign-in nonce to seal with this round (the first attempt's on a retry). */
    public String nonce() {
        return claim.nonce();
    }

    /** When the round's secret stops being accepted (the first attempt's on a retry). */
    public Instant expiresAt() {
        return claim.expiresAt();
    }

    /** Whether an earlier attempt of this Create claimed the round and made the send; sending now sends nothing. */
    public boolean duplicate() {
        return claim.duplicate();
    }

    SendClaims.Claim internal() {
        return claim;
    }

    @Override
    public String toString() {
        return "SendClaim[duplicate=" + claim.duplicate() + ", secret=redacted]";
    }
}
