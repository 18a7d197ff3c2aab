package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What makes an unknown user's decoy look like this pool's real users, learnt from the real sends of this container:
 * how often sends fail (a decoy fails about as often while a sender is failing), and what destinations look like (a
 * decoy's masked address uses a recent real domain, its masked phone number a recent real length). A decoy destination
 * is chosen once per unknown username and kept in the state table, so asking twice shows the same one, as for a real
 * user. Real users' Creates read the same item, so both make the same state-table calls. Thread-safe.
 *
 * <p>Limits: the samples are per container and start from a fixed list (email domains) and {@code +1} numbers; a
 * destination is stable for {@value #KEEP_DAYS} days.
 */
final class DecoyShape {
    static final int KEEP_DAYS = 30;
    private static final int SAMPLES = 64;
    private static final String[] DOMAINS = {
        "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "aol.com", "gmx.net"
    };

    private final Map<DeliveryMedium, boolean[]> outcomes = new EnumMap<>(DeliveryMedium.class);
    private final Map<DeliveryMedium, int[]> cursor = new EnumMap<>(DeliveryMedium.class);
    private final String[] domains = new String[SAMPLES];
    private final int[] phoneLengths = new int[SAMPLES];
    private int domainCount;
    private int domainNext;
    private int phoneCount;
    private int phoneNext;

    DecoyShape() {
        for (DeliveryMedium medium : DeliveryMedium.values()) {
            outcomes.put(medium, new boolean[SAMPLES + 1]);
            cursor.put(medium, new int[2]);
        }
    }

    /** Records one real send: whether it worked in the end, and the shape of where it went. */
    synchronized void recordSend(DeliveryMedium medium, String recipient, boolean delivered) {
        boolean[] ring = outcomes.get(medium);
        int[] at = cursor.get(medium);
        ring[at[0]] = !delivered;
        at[0] = (at[0] + 1) % SAMPLES;
        at[1] = Math.min(at[1] + 1, SAMPLES);
        if (recipient == null) {
            return;
        }
        if (medium == DeliveryMedium.EMAIL && recipient.lastIndexOf('@') > 0) {
            domains[domainNext] = recipient.substring(recipient.lastIndexOf('@') + 1);
            domainNext = (domainNext + 1) % SAMPLES;
            domainCount = Math.min(domainCount + 1, SAMPLES);
        } else if (medium == DeliveryMedium.SMS && recipient.matches("\\+[0-9]{6,15}")) {
            phoneLengths[phoneNext] = recipient.length() - 1;
            phoneNext = (phoneNext + 1) % SAMPLES;
            phoneCount = Math.min(phoneCount + 1, SAMPLES);
        }
    }

    /** Whether a decoy send should fail now: with the share of failures among the recent real sends. */
    synchronized boolean failsNow(DeliveryMedium medium, SecureRandom random) {
        int[] at = cursor.get(medium);
        if (at[1] == 0) {
            return false;
        }
        boolean[] ring = outcomes.get(medium);
        int failed = 0;
        for (int i = 0; i < at[1]; i++) {
            failed += ring[i] ? 1 : 0;
        }
        return random.nextInt(at[1]) < failed;
    }

    /**
     * The masked destination of {@code context}'s user on {@code medium}: a real user's own ({@code destination}), an
     * unknown user's decoy,
     * kept in {@code state} (when there is one) so it stays the same.
     */
    String masked(
            SignInContext context,
            DeliveryMedium medium,
            String destination,
            StateStore state,
            byte[] decoyKey,
            Instant now) {
        String pk = StateKeys.user(context.userPoolId(), context.userName());
        Optional<StateItem> kept = state == null ? Optional.empty() : state.get(pk, StateKeys.DECOY + medium, now);
        if (!context.userNotFound()) {
            return medium == DeliveryMedium.EMAIL ? Masking.email(destination) : Masking.phone(destination);
        }
        if (kept.isPresent() && kept.get().attribute("masked") != null) {
            return kept.get().attribute("masked");
        }
        String masked = decoy(context, medium, decoyKey, state != null);
        if (state != null) {
            StateItem item = new StateItem(
                    pk, StateKeys.DECOY + medium, Map.of("masked", masked), now.plus(Duration.ofDays(KEEP_DAYS)));
            if (!state.putIfAbsent(item, now)) {
                return state.get(pk, item.sk(), now)
                        .map(existing -> existing.attribute("masked"))
                        .orElse(masked);
            }
        }
        return masked;
    }

    /**
     * A plausible masked destination. Without a state table it must be the same on every call, so it is derived from
     * the username and the fixed list only; with one, it follows the recent real destinations.
     */
    private synchronized String decoy(SignInContext context, DeliveryMedium medium, byte[] key, boolean learnt) {
        String userName = context.userName();
        byte[] h = Hmac.sha256(key, "decoy", context.userPoolId(), userName, medium.name());
        if (medium == DeliveryMedium.EMAIL) {
            if (userName.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return Masking.email(userName);
            }
            char initial = (char) ('a' + (h[0] & 0xff) % 26);
            String domain = learnt && domainCount > 0
                    ? domains[(h[1] & 0xff) % domainCount]
                    : DOMAINS[(h[1] & 0xff) % DOMAINS.length];
            return Masking.email(initial + "@" + domain);
        }
        if (userName.matches("\\+[1-9][0-9]{6,14}")) {
            return Masking.phone(userName);
        }
        int length = learnt && phoneCount > 0 ? phoneLengths[(h[2] & 0xff) % phoneCount] : 11;
        StringBuilder number = new StringBuilder("+");
        for (int i = 0; i < length; i++) {
            number.append(i == 0 ? 1 + (h[3 + i % 28] & 0xff) % 9 : (h[3 + i % 28] & 0xff) % 10);
        }
        return Masking.phone(number.toString());
    }
}
