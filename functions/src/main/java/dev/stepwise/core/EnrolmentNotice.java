package dev.stepwise.core;

/**
 * The message that tells a user an authenticator app was enrolled during sign-in, sent to their verified email, or
 * else their verified phone number. Whoever passed the earlier step (a phished password, a read mailbox) could enrol
 * their own app; the notice lets the owner notice and act. No notice, no enrolment: the flow undoes an enrolment whose
 * notice could not be sent.
 */
final class EnrolmentNotice {
    static final String SUBJECT = "An authenticator app was added to your account";
    static final String BODY = "An authenticator app was just added to your account while signing in. If this was not"
            + " you, change your password and contact support.";

    private EnrolmentNotice() {}

    /** The notice for {@code user}, or {@code null} when the user has no verified email or phone number. */
    static CodeMessage forUser(UserProfile user) {
        if (user.email() != null) {
            return new CodeMessage(DeliveryMedium.EMAIL, user.email(), SUBJECT, BODY);
        }
        if (user.phoneNumber() != null) {
            return new CodeMessage(DeliveryMedium.SMS, user.phoneNumber(), null, BODY);
        }
        return null;
    }
}
