package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code email_link}: a signed, expiring, single-use link sent by email; the answer is the link's token (or the whole
 * URL). The token is a random link id plus a MAC bound to the pool, user, sign-in nonce and step; the round keeps only
 * a keyed hash of the id, so a newer link supersedes an older one. A used link is recorded in the state table and
 * refused again; why a link was refused is shown in the next round's {@code error} key. Thread-safe.
 */
final class EmailLinkFactor implements FactorHandler {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final FactorSettings settings;

    EmailLinkFactor(FactorSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return Factor.EMAIL_LINK.id();
    }

    @Override
    public String stepName() {
        return "CONFIRM_SIGN_IN_WITH_EMAIL_LINK";
    }

    @Override
    public boolean needsState() {
        return true;
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return context.user().email() != null;
    }

    @Override
    public Presentation present(PresentContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ChallengeContract.DELIVERY_MEDIUM, DeliveryMedium.EMAIL.name());
        parameters.put(
                ChallengeContract.DESTINATION,
                context.maskedDestination(
                        DeliveryMedium.EMAIL,
                        context.userNotFound() ? null : context.user().email()));
        if (context.attempt() > 1) {
            String pk = StateKeys.signIn(context.userPoolId(), context.userName(), context.nonce());
            context.state()
                    .get(pk, StateKeys.VERDICT + context.step() + "#" + (context.attempt() - 1), context.expiresAt())
                    .map(item -> item.attribute("reason"))
                    .ifPresent(reason -> parameters.put(ChallengeContract.ERROR, reason));
        }
        if (context.reusable() != null) {
            parameters.put(
                    ChallengeContract.EXPIRES_AT, context.reusable().expiresAt().toString());
            return Presentation.reused(parameters, context.reusable());
        }
        SendClaim claim = context.claim(randomId(context));
        // A retried Create reuses the nonce and link id of the attempt that sent the link, so its link matches.
        String linkNonce = claim.nonce();
        String linkId = claim.secret();
        byte[] key = context.stepwiseKeys().linkKey();
        boolean sent = context.send(claim, DeliveryMedium.EMAIL, () -> {
            String token = linkId + "."
                    + linkMac(key, context.userPoolId(), context.userName(), linkNonce, context.step(), linkId);
            String link = settings.linkUrl().replace("{token}", token);
            String minutes = Long.toString((context.limits().codeTtl().toSeconds() + 59) / 60);
            return new CodeMessage(
                    DeliveryMedium.EMAIL,
                    context.user().email(),
                    settings.linkSubject(),
                    settings.linkBody().replace("{link}", link).replace("{minutes}", minutes));
        });
        parameters.put(ChallengeContract.EXPIRES_AT, claim.expiresAt().toString());
        return Presentation.claimed(parameters, linkIdHash(key, linkId), claim, sent);
    }

    private static String randomId(PresentContext context) {
        byte[] id = new byte[16];
        context.random().nextBytes(id);
        return URL_SAFE.encodeToString(id);
    }

    @Override
    public VerifyResult check(CheckContext context) {
        String token = context.answer();
        int query = token.indexOf("token=");
        if (query >= 0) {
            token = token.substring(query + "token=".length()).split("&", 2)[0];
        }
        String[] parts = token.split("\\.", -1);
        String reason = null;
        if (parts.length != 2) {
            reason = ChallengeContract.ERROR_LINK_INVALID;
        } else {
            boolean macOk = false;
            boolean idOk = false;
            byte[] expectedId = context.payload().getBytes(StandardCharsets.US_ASCII);
            for (byte[] key : context.stepwiseKeys().linkKeys()) {
                byte[] expectedMac = linkMac(
                                key,
                                context.userPoolId(),
                                context.userName(),
                                context.nonce(),
                                context.step(),
                                parts[0])
                        .getBytes(StandardCharsets.US_ASCII);
                macOk |= MessageDigest.isEqual(expectedMac, parts[1].getBytes(StandardCharsets.US_ASCII));
                idOk |= MessageDigest.isEqual(
                        expectedId, linkIdHash(key, parts[0]).getBytes(StandardCharsets.US_ASCII));
            }
            if (!macOk) {
                reason = ChallengeContract.ERROR_LINK_INVALID;
            } else if (!idOk) {
                reason = ChallengeContract.ERROR_LINK_SUPERSEDED;
            } else if (!context.now().isBefore(context.expiresAt())) {
                reason = ChallengeContract.ERROR_LINK_EXPIRED;
            }
        }
        String pk = StateKeys.signIn(context.userPoolId(), context.userName(), context.nonce());
        if (reason == null
                && !context.state()
                        .putIfAbsent(
                                new StateItem(
                                        pk,
                                        StateKeys.LINK + parts[0],
                                        Map.of(),
                                        context.now().plus(CustomAuthFlow.SIGN_IN_STATE_TTL)),
                                context.now())) {
            reason = ChallengeContract.ERROR_LINK_USED;
        }
        if (reason == null) {
            return VerifyResult.right();
        }
        context.state()
                .put(new StateItem(
                        pk,
                        StateKeys.VERDICT + context.step() + "#" + context.attempt(),
                        Map.of("reason", reason),
                        context.now().plus(CustomAuthFlow.SIGN_IN_STATE_TTL)));
        return VerifyResult.wrong("email link refused: " + reason);
    }

    private static String linkIdHash(byte[] key, String linkId) {
        return URL_SAFE.encodeToString(Hmac.sha256(key, "link-id", linkId));
    }

    private static String linkMac(
            byte[] key, String userPoolId, String userName, String nonce, int step, String linkId) {
        byte[] mac = Hmac.sha256(key, "link", userPoolId, userName, nonce, Integer.toString(step), linkId);
        return URL_SAFE.encodeToString(Arrays.copyOf(mac, 16));
    }
}
