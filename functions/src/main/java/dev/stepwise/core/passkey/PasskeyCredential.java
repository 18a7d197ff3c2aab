package dev.stepwise.core.passkey;

import java.time.Instant;
import java.util.List;

/**
 * One passkey registered for a user: what verifying its assertions needs, and what an operator sees when listing.
 *
 * @param id the credential id, base64url without padding (as in {@code PublicKeyCredential.id})
 * @param attestedCredentialData the authenticator's attested credential data (AAGUID, credential id and COSE public
 *     key) as webauthn4j encodes it, base64url
 * @param signCount the signature counter last seen; {@code 0} for authenticators without one (synced passkeys)
 * @param transports the transports the browser reported at registration ({@code internal}, {@code hybrid}, ...)
 * @param backupEligible whether the passkey may be synced (flag BE)
 * @param backedUp whether it was synced when last used (flag BS)
 * @param userVerified whether the authenticator has verified the user at least once (uvInitialized)
 * @param userHandle the WebAuthn user id it was created for, base64url
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed a sign-in in, or {@code null}
 */
public record PasskeyCredential(
        String id,
        String attestedCredentialData,
        long signCount,
        List<String> transports,
        boolean backupEligible,
        boolean backedUp,
        boolean userVerified,
        String userHandle,
        Instant createdAt,
        Instant lastUsedAt) {
    /** Checks the required fields and copies the transports. */
    public PasskeyCredential {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,1366}")) {
            throw new IllegalArgumentException("a passkey credential id is base64url, 1 to 1023 bytes");
        }
        if (attestedCredentialData == null || attestedCredentialData.isEmpty()) {
            throw new IllegalArgumentException("a passkey needs its public key");
        }
        if (signCount < 0 || signCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a signature counter is an unsigned 32-bit number");
        }
        transports = transports == null ? List.of() : List.copyOf(transports);
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
    }

    /** This credential after an assertion with {@code signCount} and backup state {@code backedUp} at {@code now}. */
    public PasskeyCredential used(long signCount, boolean backedUp, boolean userVerified, Instant now) {
        return new PasskeyCredential(
                id,
                attestedCredentialData,
                signCount,
                transports,
                backupEligible,
                backedUp,
                this.userVerified || userVerified,
                userHandle,
                createdAt,
                now);
    }
}
