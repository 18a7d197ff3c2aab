package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.NextStep;

/** The documented exit codes of {@code stepwise}; docs/cli.md lists the same values. */
enum ExitStatus {
    OK(0, "signed in (DONE), or the command succeeded"),
    SIGN_IN_FAILED(1, "sign-in failed: wrong password, too many wrong answers, unknown or disabled user"),
    USAGE(2, "invalid command line or setting (missing or malformed option, invalid policy or limit, port in use)"),
    SESSION_EXPIRED(3, "the sign-in session expired or was already used; start again"),
    REJECTED(4, "Cognito rejected the request: unknown app client or pool, flow not enabled, wrong client secret"),
    TRIGGER_ERROR(5, "a Lambda trigger failed, timed out or returned bad output"),
    THROTTLED(6, "Cognito throttled the request (TooManyRequestsException); retry later"),
    UNREACHABLE(7, "cannot reach the endpoint or the mailbox, or no code arrived in time"),
    ABORTED(8, "input ended (Ctrl-D) or was interrupted (Ctrl-C) at a prompt"),
    REFUSED(
            9,
            "Stepwise refused: locked out after too many wrong answers, too many codes, or the code could not be"
                    + " sent; the message says when to retry"),
    BYPASS(10, "audit: some app client can get tokens without the custom-auth triggers"),
    INTERNAL(70, "internal error (a bug: please report it)");

    final int code;
    final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    static ExitStatus of(NextStep outcome) {
        if (outcome instanceof NextStep.Done) {
            return OK;
        } else if (outcome instanceof NextStep.Failed || outcome instanceof NextStep.UserNotFound) {
            return SIGN_IN_FAILED;
        } else if (outcome instanceof NextStep.SessionExpired) {
            return SESSION_EXPIRED;
        } else if (outcome instanceof NextStep.Refused) {
            return REFUSED;
        } else if (outcome instanceof NextStep.TriggerError) {
            return TRIGGER_ERROR;
        } else if (outcome instanceof NextStep.Throttled) {
            return THROTTLED;
        } else if (outcome instanceof NextStep.ServiceError) {
            return REJECTED;
        }
        return INTERNAL;
    }
}
