package dev.stepwise.core.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks passkey answers with webauthn4j: an assertion for sign-in ({@link #authenticate}) and an attestation for
 * set-up ({@link #register}). Every check fails closed and returns a {@link PasskeyCheck}; nothing is thrown for a bad
 * answer.
 *
 * <p>Checks of an assertion, in order: the round has not expired; the answer is an {@code AuthenticationResponseJSON};
 * its credential is one of this user's passkeys (so another user's passkey fails); its {@code userHandle}, when
 * present, is the one the passkey was made for; {@code clientDataJSON} has type {@code webauthn.get}, the round's
 * challenge, an origin in the configured list and no {@code crossOrigin}; {@code rpIdHash} is the SHA-256 of the
 * relying party id; user presence always, user verification unless turned off; the signature with the stored public
 * key; the signature counter went up (both zero is fine, as synced passkeys report); the challenge has not been
 * answered before, and a non-zero count has not been accepted before (a conditional write each, so of two concurrent
 * answers one passes). Then the stored counter, backup state and last use are updated.
 *
 * <p>Checks of an attestation: the same client-data, origin, challenge, {@code rpIdHash}, presence and verification
 * checks; an algorithm of {@link PasskeyOptions#ALGORITHMS}; attestation {@code none} (any other statement is parsed
 * but its trust is not checked); the credential not already registered for the user; the challenge answered once.
 * Thread-safe.
 */
public final class PasskeyVerifier {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final PasskeySettings settings;
    private final WebAuthnManager webAuthn;
    private final AttestedCredentialDataConverter credentialData;
    private final Set<Origin> origins;
    private final List<PublicKeyCredentialParameters> algorithms;

    /** Creates the verifier for the relying party and origins of {@code settings}; build it once and share it. */
    public PasskeyVerifier(PasskeySettings settings) {
        this.settings = settings;
        ObjectConverter converter = new ObjectConverter();
        this.webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.webAuthn.getAuthenticationDataVerifier().setCrossOriginAllowed(false);
        this.credentialData = new AttestedCredentialDataConverter(converter);
        Set<Origin> allowed = new LinkedHashSet<>();
        settings.origins().forEach(origin -> allowed.add(new Origin(origin)));
        this.origins = Set.copyOf(allowed);
        List<PublicKeyCredentialParameters> offered = new ArrayList<>();
        for (long alg : PasskeyOptions.ALGORITHMS) {
            offered.add(new PublicKeyCredentialParameters(
                    PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(alg)));
        }
        this.algorithms = List.copyOf(offered);
    }

    /** The settings this verifier checks against. */
    public PasskeySettings settings() {
        return settings;
    }

    /**
     * Checks an {@code AuthenticationResponseJSON} against the round's challenge and the user's passkeys, and records
     * the use.
     *
     * @param store the user's passkeys
     * @param challenge the challenge the round's options carried
     * @param expiresAt when the round stops accepting answers
     */
    public PasskeyCheck authenticate(
            PasskeyStore store,
            String userPoolId,
            String userName,
            byte[] challenge,
            Instant expiresAt,
            String answer,
            Instant now) {
        if (!now.isBefore(expiresAt)) {
            return PasskeyCheck.refused("challenge expired");
        }
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(answer);
        } catch (RuntimeException e) {
            // Untrusted input: whatever the parser throws (Jackson, base64, webauthn4j's own checks) means malformed.
            return PasskeyCheck.refused("not an AuthenticationResponseJSON");
        }
        if (data.getCredentialId() == null
                || data.getAuthenticatorData() == null
                || data.getCollectedClientData() == null) {
            return PasskeyCheck.refused("not an AuthenticationResponseJSON");
        }
        String id = B64URL.encodeToString(data.getCredentialId());
        Optional<PasskeyCredential> found = store.find(userPoolId, userName, id, now);
        if (found.isEmpty()) {
            return PasskeyCheck.refused("not a passkey of this user");
        }
        PasskeyCredential credential = found.get();
        if (data.getUserHandle() != null
                && data.getUserHandle().length > 0
                && !MessageDigest.isEqual(data.getUserHandle(), B64URL_DECODER.decode(credential.userHandle()))) {
            return PasskeyCheck.refused("user handle is not the passkey's");
        }
        if (crossOrigin(data.getCollectedClientData())) {
            return PasskeyCheck.refused("cross-origin answer");
        }
        CredentialRecord record;
        try {
            record = record(credential);
        } catch (RuntimeException e) {
            return PasskeyCheck.refused("stored passkey unreadable");
        }
        AuthenticationParameters parameters = new AuthenticationParameters(
                server(challenge), record, List.of(data.getCredentialId()), settings.userVerificationRequired(), true);
        try {
            webAuthn.verify(data, parameters);
        } catch (VerificationException e) {
            return PasskeyCheck.refused(reason(e));
        } catch (RuntimeException e) {
            return PasskeyCheck.refused("malformed assertion (" + e.getClass().getSimpleName() + ")");
        }
        if (!store.useChallenge(userPoolId, userName, challengeHash(challenge), expiresAt, now)) {
            return PasskeyCheck.refused("challenge already answered");
        }
        AuthenticatorData<?> authenticatorData = data.getAuthenticatorData();
        long count = authenticatorData.getSignCount();
        if (count > 0 && !store.useCount(userPoolId, userName, id, count, now)) {
            return PasskeyCheck.refused("signature counter did not go up");
        }
        PasskeyCredential used =
                credential.used(count, authenticatorData.isFlagBS(), authenticatorData.isFlagUV(), now);
        store.update(userPoolId, userName, used);
        return PasskeyCheck.passed(used);
    }

    /**
     * Checks a {@code RegistrationResponseJSON} against the round's challenge and registers the new passkey.
     *
     * @param store where the passkey is registered
     * @param challenge the challenge the round's creation options carried
     * @param userHandle the user handle the creation options carried
     * @param expiresAt when the round stops accepting answers
     */
    public PasskeyCheck register(
            PasskeyStore store,
            String userPoolId,
            String userName,
            byte[] challenge,
            byte[] userHandle,
            Instant expiresAt,
            String answer,
            Instant now) {
        if (!now.isBefore(expiresAt)) {
            return PasskeyCheck.refused("challenge expired");
        }
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(answer);
        } catch (RuntimeException e) {
            return PasskeyCheck.refused("not a RegistrationResponseJSON");
        }
        if (data.getAttestationObject() == null
                || data.getCollectedClientData() == null
                || data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null) {
            return PasskeyCheck.refused("not a RegistrationResponseJSON");
        }
        if (crossOrigin(data.getCollectedClientData())) {
            return PasskeyCheck.refused("cross-origin answer");
        }
        try {
            webAuthn.verify(
                    data,
                    new RegistrationParameters(
                            server(challenge), algorithms, settings.userVerificationRequired(), true));
        } catch (VerificationException e) {
            return PasskeyCheck.refused(reason(e));
        } catch (RuntimeException e) {
            return PasskeyCheck.refused("malformed attestation (" + e.getClass().getSimpleName() + ")");
        }
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        List<String> transports = new ArrayList<>();
        if (data.getTransports() != null) {
            for (AuthenticatorTransport transport : data.getTransports()) {
                transports.add(transport.getValue());
            }
        }
        transports.sort(null);
        PasskeyCredential credential = new PasskeyCredential(
                B64URL.encodeToString(attested.getCredentialId()),
                B64URL.encodeToString(credentialData.convert(attested)),
                authenticatorData.getSignCount(),
                transports,
                authenticatorData.isFlagBE(),
                authenticatorData.isFlagBS(),
                authenticatorData.isFlagUV(),
                B64URL.encodeToString(userHandle),
                now,
                null);
        if (!store.useChallenge(userPoolId, userName, challengeHash(challenge), expiresAt, now)) {
            return PasskeyCheck.refused("challenge already answered");
        }
        if (!store.add(userPoolId, userName, credential, now)) {
            return PasskeyCheck.refused("passkey already registered");
        }
        return PasskeyCheck.passed(credential);
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder()
                .origins(origins)
                .rpId(settings.rpId())
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    private CredentialRecord record(PasskeyCredential credential) {
        AttestedCredentialData attested =
                credentialData.convert(B64URL_DECODER.decode(credential.attestedCredentialData()));
        return new CredentialRecordImpl(
                null,
                credential.userVerified(),
                credential.backupEligible(),
                credential.backedUp(),
                credential.signCount(),
                attested,
                null,
                null,
                null,
                null);
    }

    private static boolean crossOrigin(CollectedClientData clientData) {
        return Boolean.TRUE.equals(clientData.getCrossOrigin()) || clientData.getTopOrigin() != null;
    }

    /** A stable, short reason for logs; the classes are webauthn4j's. */
    private static String reason(VerificationException e) {
        if (e instanceof BadOriginException) {
            return "origin not allowed";
        }
        if (e instanceof BadRpIdException) {
            return "rpIdHash is not the relying party id's";
        }
        if (e instanceof BadChallengeException) {
            return "challenge is not the round's";
        }
        if (e instanceof UserNotPresentException) {
            return "user not present";
        }
        if (e instanceof UserNotVerifiedException) {
            return "user not verified";
        }
        if (e instanceof BadSignatureException) {
            return "signature does not verify";
        }
        if (e instanceof MaliciousCounterValueException) {
            return "signature counter did not go up";
        }
        if (e instanceof NotAllowedCredentialIdException) {
            return "credential not allowed";
        }
        if (e instanceof NotAllowedAlgorithmException) {
            return "algorithm not offered";
        }
        if (e instanceof InconsistentClientDataTypeException) {
            return "wrong client data type";
        }
        return "refused by WebAuthn verification (" + e.getClass().getSimpleName() + ")";
    }

    /** The key under which a challenge is marked answered: its SHA-256, base64url. */
    static String challengeHash(byte[] challenge) {
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(challenge));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
