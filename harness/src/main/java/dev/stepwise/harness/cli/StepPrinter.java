package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInFlow;
import java.io.PrintWriter;
import java.util.Map;

/** Prints a sign-in as a transcript in Amplify's and Clerk's terms. Never prints answers, passwords or tokens. */
final class StepPrinter {

    /** Parameters the transcript already shows, or that belong to the session rather than the challenge. */
    private static final java.util.Set<String> SHOWN = java.util.Set.of(
            "USERNAME",
            "step",
            "status",
            "factor",
            "options",
            "deliveryMedium",
            "destination",
            "attemptsRemaining",
            "codeLength",
            "expiresAt",
            "otpauthUri",
            "contractVersion",
            "backupCodesRemaining");

    private final PrintWriter out;
    private int number;
    private NextStep.Challenge previous;

    StepPrinter(PrintWriter out) {
        this.out = out;
    }

    void passwordProved(SignInFlow flow) {
        number++;
        out.printf("[%d] CONFIRM_SIGN_IN_WITH_PASSWORD  (Clerk: needs_first_factor, strategy password)%n", number);
        out.printf(
                "    password proved with SRP (%s: SRP_A, then PASSWORD_VERIFIER); it never left this process%n", flow);
        out.flush();
    }

    void challenge(NextStep.Challenge c) {
        number++;
        StringBuilder clerk = new StringBuilder();
        if (c.status() != null) {
            clerk.append(c.status());
        }
        if (c.factor() != null) {
            clerk.append(clerk.length() > 0 ? ", " : "").append("strategy ").append(c.factor());
        }
        out.printf("[%d] %s%s%n", number, c.stepName(), clerk.length() > 0 ? "  (Clerk: " + clerk + ")" : "");
        if (!c.options().isEmpty()) {
            out.printf("    options: %s%n", String.join(", ", c.options()));
        }
        boolean retry = isRetry(previous, c);
        previous = c;
        if (retry) {
            out.printf("    wrong answer; try again (the same code is still valid)%n");
        } else if (c.delivery() != null) {
            out.printf(
                    "    code sent by %s to %s%s%n",
                    c.delivery().deliveryMedium() == null ? "?" : c.delivery().deliveryMedium(),
                    c.delivery().destination(),
                    c.codeLength() == null ? "" : " (" + c.codeLength() + " digits)");
        }
        StringBuilder limits = new StringBuilder();
        if (c.attemptsRemaining() != null) {
            limits.append(c.attemptsRemaining())
                    .append(c.attemptsRemaining() == 1 ? " attempt" : " attempts")
                    .append(" left");
        }
        if (c.expiresAt() != null) {
            limits.append(limits.length() > 0 ? ", " : "").append("expires ").append(c.expiresAt());
        }
        String backupCodes = c.parameters().get("backupCodesRemaining");
        if (backupCodes != null) {
            limits.append(limits.length() > 0 ? ", " : "")
                    .append(backupCodes)
                    .append(backupCodes.equals("1") ? " backup code" : " backup codes")
                    .append(" left");
        }
        if (limits.length() > 0) {
            out.printf("    %s%n", limits);
        }
        for (Map.Entry<String, String> parameter : new java.util.TreeMap<>(c.parameters()).entrySet()) {
            if (!SHOWN.contains(parameter.getKey())) {
                out.printf("    %s: %s%n", parameter.getKey(), parameter.getValue());
            }
        }
        out.flush();
    }

    /** The same step again with fewer attempts left: the last answer was wrong (Cognito says no more than that). */
    private static boolean isRetry(NextStep.Challenge before, NextStep.Challenge now) {
        if (before == null || !before.stepName().equals(now.stepName())) {
            return false;
        }
        if (before.attemptsRemaining() != null && now.attemptsRemaining() != null) {
            return now.attemptsRemaining() < before.attemptsRemaining();
        }
        return now.contractVersion() == null && before.parameters().equals(now.parameters());
    }

    void note(String text) {
        out.printf("    %s%n", text);
        out.flush();
    }

    void done(NextStep.Done done, boolean showClaims) {
        number++;
        out.printf("[%d] DONE  (Clerk: complete; Amplify: isSignedIn = true)%n", number);
        if (showClaims) {
            out.println("    ID token claims (decoded, not verified):");
            for (Map.Entry<String, Object> claim : done.tokens().idTokenClaims().entrySet()) {
                out.printf("      %s: %s%n", claim.getKey(), claim.getValue());
            }
        }
        out.flush();
    }

    /** One line for an outcome that ends the attempt without tokens. */
    static String describe(NextStep outcome) {
        if (outcome instanceof NextStep.Failed f) {
            return "sign-in failed: " + f.message() + " (" + f.errorCode() + ")";
        } else if (outcome instanceof NextStep.SessionExpired s) {
            return "session expired: " + s.message() + " Start the sign-in again.";
        } else if (outcome instanceof NextStep.UserNotFound u) {
            return "user not found: " + u.message();
        } else if (outcome instanceof NextStep.Refused r) {
            String said = r.message().contains(" failed with error ")
                    ? r.message().substring(r.message().indexOf(" failed with error ") + " failed with error ".length())
                    : r.message();
            return "refused (" + r.reason().name().toLowerCase(java.util.Locale.ROOT) + "): " + said;
        } else if (outcome instanceof NextStep.TriggerError t) {
            return "trigger error" + (t.trigger() == null ? "" : " in " + t.trigger()) + ": " + t.message() + " ("
                    + t.errorCode() + ")";
        } else if (outcome instanceof NextStep.Throttled t) {
            return "throttled by Cognito: " + t.message() + " Retry later.";
        } else if (outcome instanceof NextStep.ServiceError e) {
            return "Cognito rejected the request: " + e.errorCode() + ": " + e.message();
        }
        return "unexpected outcome: " + outcome;
    }
}
