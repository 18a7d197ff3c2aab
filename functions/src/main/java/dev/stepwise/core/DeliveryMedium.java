package dev.stepwise.core;

/** How a code reaches the user; the names are the contract's {@code deliveryMedium} values. */
public enum DeliveryMedium {
    /** Email, sent through SES. */
    EMAIL,
    /** Text message, sent through SNS. */
    SMS
}
