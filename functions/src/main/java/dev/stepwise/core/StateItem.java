package dev.stepwise.core;

import java.time.Instant;
import java.util.Map;

/**
 * One item of the state table. Attribute values are strings; secrets are stored only encrypted or hashed, so
 * {@link #toString()} shows the keys and attribute names, never the values.
 *
 * @param pk partition key
 * @param sk sort key
 * @param attributes other attributes (never {@code pk}, {@code sk} or {@code expiresAt})
 * @param expiresAt when the item stops counting (the table's TTL attribute), or {@code null} for never
 */
public record StateItem(String pk, String sk, Map<String, String> attributes, Instant expiresAt) {
    /** Checks the keys and copies the attributes. */
    public StateItem {
        if (pk == null || pk.isEmpty() || sk == null || sk.isEmpty()) {
            throw new IllegalArgumentException("pk and sk are required");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (attributes.containsKey("pk") || attributes.containsKey("sk") || attributes.containsKey("expiresAt")) {
            throw new IllegalArgumentException("pk, sk and expiresAt are not plain attributes");
        }
    }

    /** Whether the item has expired at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The attribute {@code name}, or {@code null}. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return "StateItem[pk=" + pk + ", sk=" + sk + ", attributes=" + attributes.keySet() + ", expiresAt=" + expiresAt
                + "]";
    }
}
