package dev.stepwise.core;

import java.time.Instant;

/**
 * One device a user trusts, as {@code stepwise devices list} shows it. Holds no secret: the device's id is a prefix of
 * the hash of its secret and cannot be turned back into it.
 *
 * @param id the device's id, what {@code stepwise devices revoke} takes
 * @param clientId the app client it was trusted from; it is recognised from that client only
 * @param createdAt when it was trusted
 * @param lastUsedAt when it last skipped a step
 * @param expiresAt when it stops being trusted
 */
public record TrustedDevice(String id, String clientId, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {}
