package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** Dispatches {@code AWSCognitoIdentityProviderService.<Operation>} targets to the operations the emulator has. */
final class CognitoApi {

    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

    private final Map<String, Operation> operations = new HashMap<>();

    CognitoApi(ManagementOperations management, AuthOperations auth, OperationSet... more) {
        management.register(operations);
        auth.register(operations);
        for (OperationSet set : more) {
            set.register(operations);
        }
    }

    /** Whether the operation needs the flow executor (it may run triggers). */
    static boolean mayRunTriggers(String operation) {
        return operation.endsWith("InitiateAuth")
                || operation.endsWith("RespondToAuthChallenge")
                || operation.equals("GetTokensFromRefreshToken")
                || operation.endsWith("ConfirmSignUp")
                || operation.equals("ConfirmForgotPassword");
    }

    ObjectNode call(String operation, Input input, RequestContext context) {
        Operation handler = operations.get(operation);
        if (handler == null) {
            throw new CognitoException(
                    "UnknownOperationException",
                    "The Stepwise emulator does not implement the Cognito operation " + operation + ".");
        }
        return handler.apply(input, context);
    }
}
