package dev.stepwise.harness.emulator;

import java.time.Instant;

/**
 * A device Cognito handed out in {@code NewDeviceMetadata}, confirmed or not. Immutable; a change replaces it.
 *
 * @param remembered {@code remembered} or {@code not_remembered} once confirmed, else null
 */
record DeviceRecord(
        String key,
        String groupKey,
        String username,
        String name,
        boolean confirmed,
        String remembered,
        Instant created,
        Instant modified,
        Instant lastAuthenticated) {

    DeviceRecord confirm(String deviceName, String status, Instant now) {
        return new DeviceRecord(key, groupKey, username, deviceName, true, status, created, now, lastAuthenticated);
    }

    DeviceRecord withRemembered(String status, Instant now) {
        return new DeviceRecord(key, groupKey, username, name, confirmed, status, created, now, lastAuthenticated);
    }
}
