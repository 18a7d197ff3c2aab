package dev.stepwise.core.passkey;

import dev.stepwise.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where passkeys are used: the relying party and the web origins allowed to answer. Validated at construction; a
 * message says what to fix.
 *
 * @param rpId the relying party id, a registrable domain such as {@code example.com} (or {@code localhost}); an
 *     assertion's {@code rpIdHash} must be its SHA-256
 * @param rpName the name authenticators show when a passkey is created
 * @param origins the exact origins ({@code https://app.example.com}, {@code http://localhost:3000}) allowed in
 *     {@code clientDataJSON}; each one's host is {@code rpId} or a subdomain of it
 * @param userVerificationRequired whether the authenticator must verify the user (PIN, biometrics); on by default,
 *     since a passkey without it is only "something you have"
 * @param timeout how long the browser should wait for the user, put in the options as a hint
 */
public record PasskeySettings(
        String rpId, String rpName, List<String> origins, boolean userVerificationRequired, Duration timeout) {
    /** Checks that the origins are exact origins under {@code rpId} and copies them. */
    public PasskeySettings {
        if (rpId == null || !rpId.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new ConfigurationException("the passkey relying party id '" + rpId + "' is not a lower-case domain:"
                    + " use the site's registrable domain, e.g. example.com, or localhost");
        }
        if (rpName == null || rpName.isBlank()) {
            throw new ConfigurationException("the passkey relying party name is empty: set the name users see");
        }
        if (origins == null || origins.isEmpty()) {
            throw new ConfigurationException("no web origin is allowed to answer passkey challenges: list the exact"
                    + " origins of the sign-in pages, e.g. https://app.example.com");
        }
        origins = List.copyOf(origins);
        for (String origin : origins) {
            checkOrigin(rpId, origin);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("the passkey timeout must be positive");
        }
    }

    /** Settings with user verification required and a five-minute timeout. */
    public static PasskeySettings of(String rpId, String rpName, List<String> origins) {
        return new PasskeySettings(rpId, rpName, origins, true, Duration.ofMinutes(5));
    }

    /** {@code "required"} or {@code "preferred"}, as the options' {@code userVerification}. */
    public String userVerification() {
        return userVerificationRequired ? "required" : "preferred";
    }

    private static void checkOrigin(String rpId, String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the passkey origin '" + origin + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean exact = (scheme.equals("https") || scheme.equals("http"))
                && !host.isEmpty()
                && uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && origin.equals(origin.toLowerCase(Locale.ROOT));
        if (!exact) {
            throw new ConfigurationException("the passkey origin '" + origin + "' is not an exact origin: write"
                    + " scheme://host[:port] in lower case, no path or trailing slash, e.g. https://app.example.com");
        }
        if (scheme.equals("http") && !host.equals("localhost") && !host.endsWith(".localhost")) {
            throw new ConfigurationException("the passkey origin '" + origin + "' uses http: browsers allow passkeys"
                    + " only on https origins and on localhost");
        }
        if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
            throw new ConfigurationException("the passkey origin '" + origin + "' is not under the relying party id '"
                    + rpId + "': its host must be " + rpId + " or a subdomain of it");
        }
    }
}
