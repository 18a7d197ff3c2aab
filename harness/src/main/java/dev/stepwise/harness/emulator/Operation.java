package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Cognito API operation: a validated request in, a JSON response out, or a {@link CognitoException}. */
@FunctionalInterface
interface Operation {
    ObjectNode apply(Input input, RequestContext context);
}
