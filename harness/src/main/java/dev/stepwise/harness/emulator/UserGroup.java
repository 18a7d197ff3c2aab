package dev.stepwise.harness.emulator;

import java.time.Instant;

/** One group of a user pool, as CreateGroup / UpdateGroup store it. Immutable. */
record UserGroup(
        String name, String description, String roleArn, Integer precedence, Instant created, Instant modified) {}
