package dev.stepwise.harness.emulator;

/**
 * An error reply in Cognito's JSON 1.1 shape: {@code __type} and {@code message}, HTTP 400 unless it is a server fault.
 * Carries no stack trace: it is an outcome sent to the client, not a bug.
 */
final class CognitoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    CognitoException(String type, String message) {
        this(type, message, 400);
    }

    CognitoException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", message);
    }

    static CognitoException resourceNotFound(String message) {
        return new CognitoException("ResourceNotFoundException", message);
    }

    static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    static CognitoException incorrectCredentials() {
        return notAuthorized("Incorrect username or password.");
    }

    static CognitoException invalidSession() {
        return notAuthorized("Invalid session for the user.");
    }

    static CognitoException expiredSession() {
        return notAuthorized("Invalid session for the user, session is expired.");
    }

    static CognitoException serialization(String message) {
        return new CognitoException("SerializationException", message);
    }

    static CognitoException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return invalidParameter("1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static CognitoException internal() {
        return new CognitoException("InternalErrorException", "An internal error occurred in the emulator.", 500);
    }
}
