package dev.stepwise.harness.emulator;

/**
 * What the emulator knows about the caller of one request.
 *
 * @param awsSdkVersion the value for {@code callerContext.awsSdkVersion}, derived from the User-Agent
 * @param signed whether the request carried an {@code Authorization} header (signatures are not verified)
 */
record RequestContext(String awsSdkVersion, boolean signed) {

    static final RequestContext INTERNAL = new RequestContext("aws-sdk-unknown-unknown", true);

    /**
     * Maps a User-Agent to Cognito's {@code awsSdkVersion} shape: the first {@code aws-sdk-<lang>/<version>} token
     * becomes {@code aws-sdk-<lang>-<version>}; anything else is {@code aws-sdk-unknown-unknown}, as Cognito sends
     * for callers it does not recognise.
     */
    static RequestContext fromUserAgent(String userAgent, boolean signed) {
        if (userAgent != null) {
            for (String token : userAgent.split(" ")) {
                int slash = token.indexOf('/');
                if (token.startsWith("aws-sdk-") && slash > 8 && slash < token.length() - 1) {
                    return new RequestContext(token.substring(0, slash) + "-" + token.substring(slash + 1), signed);
                }
            }
        }
        return new RequestContext("aws-sdk-unknown-unknown", signed);
    }
}
