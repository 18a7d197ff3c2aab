package dev.stepwise.harness.emulator;

import java.util.Map;

/** A family of Cognito operations that registers itself by name. */
interface OperationSet {
    void register(Map<String, Operation> operations);
}
