package dev.stepwise.core.passkey;

import java.util.Base64;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebAuthn Level 3 JSON forms of the ceremony options, as a front-end passes them to
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON} and {@code parseCreationOptionsFromJSON}
 * (<a href="https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialrequestoptionsjson">PublicKeyCredentialRequestOptionsJSON</a>,
 * <a href="https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialcreationoptionsjson">PublicKeyCredentialCreationOptionsJSON</a>):
 * binary values are base64url without padding. Stateless and thread-safe.
 */
public final class PasskeyOptions {
    /** COSE algorithms offered at registration, in order of preference: ES256, EdDSA (Ed25519), RS256. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PasskeyOptions() {}

    /**
     * A credential the options name: its id and the transports it was registered with.
     *
     * @param id base64url credential id
     * @param transports transport hints, possibly empty
     */
    public record Descriptor(String id, List<String> transports) {
        /** Copies the transports. */
        public Descriptor {
            transports = transports == null ? List.of() : List.copyOf(transports);
        }

        /** The descriptor of a registered credential. */
        public static Descriptor of(PasskeyCredential credential) {
            return new Descriptor(credential.id(), credential.transports());
        }
    }

    /**
     * {@code PublicKeyCredentialRequestOptionsJSON} for signing in with one of {@code allowCredentials}.
     *
     * @param challenge the round's random challenge
     */
    public static String request(byte[] challenge, List<Descriptor> allowCredentials, PasskeySettings settings) {
        ObjectNode options = JSON.createObjectNode();
        options.put("challenge", B64URL.encodeToString(challenge));
        options.put("timeout", settings.timeout().toMillis());
        options.put("rpId", settings.rpId());
        descriptors(options.putArray("allowCredentials"), allowCredentials);
        options.put("userVerification", settings.userVerification());
        return JSON.writeValueAsString(options);
    }

    /**
     * {@code PublicKeyCredentialCreationOptionsJSON} for registering a discoverable passkey.
     *
     * @param challenge the round's random challenge
     * @param userHandle the user's WebAuthn user id (random, not personal data)
     * @param userName the name the authenticator shows for the account
     * @param excludeCredentials the user's passkeys already registered, so an authenticator holding one says so
     */
    public static String creation(
            byte[] challenge,
            byte[] userHandle,
            String userName,
            List<Descriptor> excludeCredentials,
            PasskeySettings settings) {
        ObjectNode options = JSON.createObjectNode();
        ObjectNode rp = options.putObject("rp");
        rp.put("id", settings.rpId());
        rp.put("name", settings.rpName());
        ObjectNode user = options.putObject("user");
        user.put("id", B64URL.encodeToString(userHandle));
        user.put("name", userName);
        user.put("displayName", userName);
        options.put("challenge", B64URL.encodeToString(challenge));
        ArrayNode parameters = options.putArray("pubKeyCredParams");
        for (long alg : ALGORITHMS) {
            parameters.addObject().put("type", "public-key").put("alg", alg);
        }
        options.put("timeout", settings.timeout().toMillis());
        descriptors(options.putArray("excludeCredentials"), excludeCredentials);
        ObjectNode selection = options.putObject("authenticatorSelection");
        selection.put("residentKey", "required");
        selection.put("requireResidentKey", true);
        selection.put("userVerification", settings.userVerification());
        options.put("attestation", "none");
        return JSON.writeValueAsString(options);
    }

    private static void descriptors(ArrayNode array, List<Descriptor> descriptors) {
        for (Descriptor descriptor : descriptors) {
            ObjectNode node = array.addObject();
            node.put("type", "public-key");
            node.put("id", descriptor.id());
            if (!descriptor.transports().isEmpty()) {
                descriptor.transports().forEach(node.putArray("transports")::add);
            }
        }
    }
}
