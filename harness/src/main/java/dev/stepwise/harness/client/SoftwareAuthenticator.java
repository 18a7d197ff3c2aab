package dev.stepwise.harness.client;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays a passkey provider in tests, the way a browser and a platform authenticator answer together: it reads the
 * WebAuthn JSON options of a passkey challenge ({@code publicKeyOptions}) and answers with the JSON of
 * {@code PublicKeyCredential.toJSON()}. Keys are ES256 (P-256) and live in memory; attestation is {@code none};
 * authenticator data and attestation objects are encoded with webauthn4j's converters.
 *
 * <pre>{@code
 * SoftwareAuthenticator passkeys = SoftwareAuthenticator.builder().origin("http://localhost:3000").build();
 * next = client.answer(setupStep, passkeys.register(setupStep.parameters().get("publicKeyOptions")));
 * ...
 * next = client.answerWithPasskey(passkeyStep, passkeys); // same as register/authenticate by step
 * }</pre>
 *
 * <p>The builder sets what a test may want to vary: the origin the "browser" reports, whether the user is verified,
 * and whether the signature counter counts (a security key) or stays zero (a synced passkey). Thread-safe.
 */
public final class SoftwareAuthenticator {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final String origin;
    private final boolean userVerifying;
    private final boolean counting;
    private final SecureRandom random = new SecureRandom();
    private final List<Credential> credentials = new CopyOnWriteArrayList<>();

    private SoftwareAuthenticator(Builder builder) {
        this.origin = Objects.requireNonNull(builder.origin, "origin");
        this.userVerifying = builder.userVerifying;
        this.counting = builder.counting;
    }

    /** A builder; only the origin is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a passkey for {@code PublicKeyCredentialCreationOptionsJSON} and answers with a
     * {@code RegistrationResponseJSON}.
     *
     * @throws IllegalArgumentException when the options are not creation options
     */
    public String register(String creationOptionsJson) {
        JsonNode options = JSON.readTree(creationOptionsJson);
        String rpId = text(options.path("rp"), "id");
        byte[] challenge = B64URL_DECODER.decode(text(options, "challenge"));
        byte[] userHandle = B64URL_DECODER.decode(text(options.path("user"), "id"));
        for (JsonNode excluded : options.path("excludeCredentials")) {
            String id = text(excluded, "id");
            if (credentials.stream().anyMatch(c -> c.rpId.equals(rpId) && c.id.equals(id))) {
                throw new IllegalStateException("this authenticator already holds an excluded credential");
            }
        }
        KeyPair keys = newKeyPair();
        byte[] credentialId = new byte[32];
        random.nextBytes(credentialId);
        Credential credential = new Credential(rpId, B64URL.encodeToString(credentialId), userHandle, keys);
        AttestedCredentialData attested = new AttestedCredentialData(
                AAGUID.ZERO,
                credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData =
                new AuthenticatorData<>(sha256(rpId), flags(true), 0, attested);
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));
        byte[] authData = new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData);
        ObjectNode response = JSON.createObjectNode();
        response.put("clientDataJSON", B64URL.encodeToString(clientData("webauthn.create", challenge)));
        response.put("attestationObject", B64URL.encodeToString(attestationObject));
        response.put("authenticatorData", B64URL.encodeToString(authData));
        response.putArray("transports").add("internal");
        response.put("publicKey", B64URL.encodeToString(keys.getPublic().getEncoded()));
        response.put("publicKeyAlgorithm", -7);
        credentials.add(credential);
        return credentialJson(credential.id, response, "platform");
    }

    /**
     * Signs {@code PublicKeyCredentialRequestOptionsJSON} with a passkey it holds for the options' {@code rpId}, one
     * of {@code allowCredentials} when that list is not empty, and answers with an {@code AuthenticationResponseJSON}.
     *
     * @throws IllegalStateException when it holds no such passkey (a browser would show "no passkey")
     */
    public String authenticate(String requestOptionsJson) {
        JsonNode options = JSON.readTree(requestOptionsJson);
        String rpId = text(options, "rpId");
        byte[] challenge = B64URL_DECODER.decode(text(options, "challenge"));
        List<String> allowed = new ArrayList<>();
        options.path("allowCredentials").forEach(d -> allowed.add(text(d, "id")));
        Credential credential = credentials.stream()
                .filter(c -> c.rpId.equals(rpId) && (allowed.isEmpty() || allowed.contains(c.id)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no passkey for " + rpId + " among the allowed ones"));
        long count = counting ? credential.nextCount() : 0;
        byte[] authData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                        sha256(rpId), flags(false), count));
        byte[] clientData = clientData("webauthn.get", challenge);
        ObjectNode response = JSON.createObjectNode();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("authenticatorData", B64URL.encodeToString(authData));
        response.put("signature", B64URL.encodeToString(sign(credential.keys, authData, clientData)));
        response.put("userHandle", B64URL.encodeToString(credential.userHandle));
        return credentialJson(credential.id, response, "platform");
    }

    /** The base64url ids of the passkeys it holds, oldest first. */
    public List<String> credentialIds() {
        return credentials.stream().map(c -> c.id).toList();
    }

    private byte flags(boolean attested) {
        byte flags = AuthenticatorData.BIT_UP;
        if (userVerifying) {
            flags |= AuthenticatorData.BIT_UV;
        }
        if (attested) {
            flags |= AuthenticatorData.BIT_AT;
        }
        return flags;
    }

    private byte[] clientData(String type, byte[] challenge) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", type);
        clientData.put("challenge", B64URL.encodeToString(challenge));
        clientData.put("origin", origin);
        clientData.put("crossOrigin", false);
        return JSON.writeValueAsString(clientData).getBytes(StandardCharsets.UTF_8);
    }

    private static String credentialJson(String id, ObjectNode response, String attachment) {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", id);
        credential.put("rawId", id);
        credential.set("response", response);
        credential.put("authenticatorAttachment", attachment);
        credential.putObject("clientExtensionResults");
        credential.put("type", "public-key");
        return JSON.writeValueAsString(credential);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("WebAuthn options without '" + field + "'");
        }
        return value.asString();
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are not available in this JVM", e);
        }
    }

    private static byte[] sign(KeyPair keys, byte[] authData, byte[] clientData) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(authData);
            signature.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signatures are not available in this JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static final class Credential {
        final String rpId;
        final String id;
        final byte[] userHandle;
        final KeyPair keys;
        private long count;

        Credential(String rpId, String id, byte[] userHandle, KeyPair keys) {
            this.rpId = rpId;
            this.id = id;
            this.userHandle = userHandle.clone();
            this.keys = keys;
        }

        synchronized long nextCount() {
            return ++count;
        }
    }

    /** Builds a {@link SoftwareAuthenticator}. */
    public static final class Builder {
        private String origin;
        private boolean userVerifying = true;
        private boolean counting = true;

        private Builder() {}

        /** The origin the browser reports in {@code clientDataJSON}, e.g. {@code http://localhost:3000}. */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        /** Whether it verifies the user (sets the UV flag); default {@code true}. */
        public Builder userVerifying(boolean userVerifying) {
            this.userVerifying = userVerifying;
            return this;
        }

        /**
         * Whether its signature counter counts up from 1 (a security key; the default) or stays 0 (a synced passkey).
         */
        public Builder counting(boolean counting) {
            this.counting = counting;
            return this;
        }

        /** The authenticator, holding no passkey yet. */
        public SoftwareAuthenticator build() {
            return new SoftwareAuthenticator(this);
        }
    }
}
