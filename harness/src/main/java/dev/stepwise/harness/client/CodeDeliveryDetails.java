package dev.stepwise.harness.client;

/**
 * Where a code was sent.
 *
 * @param deliveryMedium {@code EMAIL} or {@code SMS}
 * @param destination the masked address or number, e.g. {@code a***@e***.com}
 */
public record CodeDeliveryDetails(String deliveryMedium, String destination) {}
