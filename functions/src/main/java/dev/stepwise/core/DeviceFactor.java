package dev.stepwise.core;

import java.time.Duration;
import java.util.Map;

/**
 * The trusted-device round: a silent round that a policy with steps marked {@code @new_device} starts with (after the
 * password, when the policy has one). The client answers it without asking the user (see {@link DeviceAnswer}); the
 * answer is right when it presents the secret of a device this user trusts from this app client, and wrong otherwise,
 * which only means the marked steps are asked. A {@code trust:} answer is remembered for this sign-in
 * ({@link TrustedDevices#propose}) and trusted when Define issues tokens, never before.
 *
 * <p>The flow never counts this round's answer toward the lockout and never asks it twice; an unknown user gets the
 * same round and the same table reads, and is never recognised. Thread-safe.
 */
final class DeviceFactor implements FactorHandler {
    /** The factor of the trusted-device round. */
    static final Factor DEVICE = Factor.of(DeviceAnswer.FACTOR);

    private final Duration lifetime;

    /** A round whose trusted devices stay trusted for {@code lifetime}. */
    DeviceFactor(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public String id() {
        return DeviceAnswer.FACTOR;
    }

    @Override
    public String stepName() {
        return DeviceAnswer.STEP;
    }

    @Override
    public boolean needsState() {
        return true;
    }

    /** Every user, unknown ones included, can answer it. */
    @Override
    public boolean usable(EnrolmentContext context) {
        return true;
    }

    @Override
    public Presentation present(PresentContext context) {
        return Presentation.of(Map.of(), "");
    }

    @Override
    public VerifyResult check(CheckContext context) {
        TrustedDevices devices = new TrustedDevices(context.state(), lifetime);
        DeviceAnswer answer = DeviceAnswer.parse(context.answer());
        switch (answer.kind()) {
            case PRESENT -> {
                return devices.recognise(
                                context.userPoolId(),
                                context.userName(),
                                context.clientId(),
                                answer.secret(),
                                context.now())
                        ? VerifyResult.right()
                        : VerifyResult.wrong("device not trusted");
            }
            case TRUST -> {
                devices.propose(
                        context.userPoolId(), context.userName(), context.nonce(), answer.secret(), context.now());
                return VerifyResult.wrong("new device, proposed for trust");
            }
            default -> {
                return VerifyResult.wrong("no device credential");
            }
        }
    }
}
