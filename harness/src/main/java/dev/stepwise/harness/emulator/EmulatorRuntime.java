package dev.stepwise.harness.emulator;

import java.net.URI;

/** Wires the emulator's parts together and owns their lifecycle. */
final class EmulatorRuntime {

    static EmulatorRuntime start(CognitoEmulator.Builder options) {
        throw new UnsupportedOperationException("not yet");
    }

    URI endpoint() {
        throw new UnsupportedOperationException("not yet");
    }

    Mailbox mailbox() {
        throw new UnsupportedOperationException("not yet");
    }

    Seeded seed() {
        throw new UnsupportedOperationException("not yet");
    }

    void close() {}
}
