package dev.stepwise.harness.load;

/** One complete sign-in against a target, from the first request to the tokens. Must be thread-safe. */
@FunctionalInterface
public interface SignInTask {
    /**
     * Signs in once.
     *
     * @param index the sign-in's number, from 0; targets use it to spread sign-ins over their users
     * @throws Exception when the sign-in does not end with tokens
     */
    void signIn(long index) throws Exception;
}
