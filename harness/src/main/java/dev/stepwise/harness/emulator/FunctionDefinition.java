package dev.stepwise.harness.emulator;

import java.util.Map;

/** A Lambda function the emulator can invoke: its name, handler class and environment. */
record FunctionDefinition(String name, String handlerClassName, Map<String, String> environment) {

    FunctionDefinition {
        environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
        return "FunctionDefinition[name=" + name + ", handler=" + handlerClassName + ", environment=<"
                + environment.size() + " entries>]";
    }
}
