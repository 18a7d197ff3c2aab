package dev.stepwise.core.passkey;

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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A P-256 authenticator for tests whose every field can be spoiled, to provoke each refusal. */
public final class TestAuthenticator {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    public final byte[] credentialId = new byte[32];
    public final KeyPair keys;
    public String origin = "https://app.example.com";
    public String rpId = "example.com";
    public String type;
    public boolean userPresent = true;
    public boolean userVerified = true;
    public boolean crossOrigin;
    public boolean tamperSignature;
    public long count;

    public TestAuthenticator() {
        try {
            new SecureRandom().nextBytes(credentialId);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return B64URL.encodeToString(credentialId);
    }

    public String register(byte[] challenge) {
        AttestedCredentialData attested = new AttestedCredentialData(
                AAGUID.ZERO,
                credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId), (byte) (flags() | AuthenticatorData.BIT_AT), count, attested);
        byte[] attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        ObjectNode response = JSON.createObjectNode();
        response.put(
                "clientDataJSON",
                B64URL.encodeToString(clientData(type == null ? "webauthn.create" : type, challenge)));
        response.put("attestationObject", B64URL.encodeToString(attestation));
        response.putArray("transports").add("internal").add("hybrid");
        return credential(response);
    }

    public String assertion(byte[] challenge, byte[] userHandle) {
        byte[] authData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                        sha256(rpId), flags(), count));
        byte[] clientData = clientData(type == null ? "webauthn.get" : type, challenge);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authData);
            signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            signature = signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (tamperSignature) {
            signature[signature.length - 1] ^= 1;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("authenticatorData", B64URL.encodeToString(authData));
        response.put("signature", B64URL.encodeToString(signature));
        if (userHandle != null) {
            response.put("userHandle", B64URL.encodeToString(userHandle));
        }
        return credential(response);
    }

    private String credential(ObjectNode response) {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", id());
        credential.put("rawId", id());
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        credential.put("type", "public-key");
        return JSON.writeValueAsString(credential);
    }

    private byte flags() {
        byte flags = 0;
        if (userPresent) {
            flags |= AuthenticatorData.BIT_UP;
        }
        if (userVerified) {
            flags |= AuthenticatorData.BIT_UV;
        }
        return flags;
    }

    private byte[] clientData(String clientDataType, byte[] challenge) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", clientDataType);
        clientData.put("challenge", B64URL.encodeToString(challenge));
        clientData.put("origin", origin);
        clientData.put("crossOrigin", crossOrigin);
        return JSON.writeValueAsString(clientData).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
