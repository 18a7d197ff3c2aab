package dev.stepwise.harness.emulator;

/** The emulator's pagination tokens: the index of the next item, as a string. */
final class Pages {

    private Pages() {}

    static int start(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int start = Integer.parseInt(token);
            if (start < 0) {
                throw new NumberFormatException();
            }
            return start;
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter("Invalid pagination token.");
        }
    }
}
