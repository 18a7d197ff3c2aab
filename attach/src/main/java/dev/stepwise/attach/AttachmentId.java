package dev.stepwise.attach;

import java.util.Objects;

/**
 * The physical id of one attachment: the pool the Stepwise triggers were attached to and the custom-auth triggers it
 * had before, which are restored when the attachment is deleted.
 *
 * <p>CloudFormation sends only the physical id and the resource properties with a delete request (not the data
 * returned at create), so the previous triggers travel in the id itself: {@code stepwise:<poolId>:<encoded>}, where
 * {@code <encoded>} is {@link CustomAuthTriggers#encode()}. CloudFormation keeps physical ids up to 1 KB, which holds
 * three ARNs of ordinary length.
 *
 * @param userPoolId the user pool id
 * @param previous the custom-auth triggers the pool had before the attachment
 */
public record AttachmentId(String userPoolId, CustomAuthTriggers previous) {

    /** The most CloudFormation keeps in a physical resource id. */
    public static final int MAX_LENGTH = 1024;

    private static final String PREFIX = "stepwise";

    /** Validates the members. */
    public AttachmentId {
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(previous, "previous");
        if (userPoolId.isBlank() || userPoolId.contains(":")) {
            throw new IllegalArgumentException("Not a user pool id: '" + userPoolId + "'");
        }
    }

    /**
     * Reads a physical id written by {@link #text()}.
     *
     * @return the id, or {@code null} when {@code physicalId} is not one (for example a marker of a failed create)
     */
    public static AttachmentId parse(String physicalId) {
        if (physicalId == null) {
            return null;
        }
        String[] parts = physicalId.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0]) || parts[1].isBlank()) {
            return null;
        }
        try {
            return new AttachmentId(parts[1], CustomAuthTriggers.decode(parts[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The physical id text.
     *
     * @throws IllegalStateException when the previous triggers' ARNs are too long to keep in a physical id
     */
    public String text() {
        String text = PREFIX + ":" + userPoolId + ":" + previous.encode();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalStateException("The custom-auth triggers of user pool " + userPoolId
                    + " have ARNs too long to keep for restoring them on delete (" + text.length() + " > "
                    + MAX_LENGTH + " characters). Remove them from the pool first, then deploy again.");
        }
        return text;
    }
}
