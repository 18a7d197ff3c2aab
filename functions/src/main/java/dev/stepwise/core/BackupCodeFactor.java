package dev.stepwise.core;

import java.time.Instant;
import java.util.Map;

/**
 * {@code backup_code}: one of the user's single-use backup codes ({@link BackupCodes}), stored only as keyed hashes in
 * the state table; the round shows how many are left. Thread-safe.
 */
final class BackupCodeFactor implements FactorHandler {
    @Override
    public String id() {
        return Factor.BACKUP_CODE.id();
    }

    @Override
    public String stepName() {
        return "CONFIRM_SIGN_IN_WITH_BACKUP_CODE";
    }

    @Override
    public boolean needsState() {
        return true;
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return remaining(context.state(), context.userPoolId(), context.userName(), context.now()) > 0;
    }

    private static int remaining(StateStore state, String userPoolId, String userName, Instant now) {
        return state.query(StateKeys.user(userPoolId, userName), StateKeys.BACKUP, now)
                .size();
    }

    @Override
    public Presentation present(PresentContext context) {
        // Read for a decoy too, so that its Create makes the same calls; a decoy shows none left, as before.
        int stored = remaining(context.state(), context.userPoolId(), context.userName(), context.now());
        int remaining = context.userNotFound() ? 0 : stored;
        return Presentation.of(Map.of(ChallengeContract.BACKUP_CODES_REMAINING, Integer.toString(remaining)), "");
    }

    @Override
    public VerifyResult check(CheckContext context) {
        return new BackupCodes(context.state(), context.stepwiseKeys(), context.random())
                        .consume(context.userPoolId(), context.userName(), context.answer(), context.now())
                ? VerifyResult.right()
                : VerifyResult.wrong("not an unused backup code");
    }
}
