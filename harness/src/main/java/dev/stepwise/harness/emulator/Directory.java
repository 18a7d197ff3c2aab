package dev.stepwise.harness.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All user pools and app clients, by id. Thread-safe. */
final class Directory {

    final Map<String, UserPool> pools = new ConcurrentHashMap<>();
    final Map<String, AppClient> clients = new ConcurrentHashMap<>();

    UserPool pool(String userPoolId) {
        UserPool pool = pools.get(userPoolId);
        if (pool == null) {
            throw CognitoException.resourceNotFound("User pool " + userPoolId + " does not exist.");
        }
        return pool;
    }

    AppClient client(String clientId) {
        AppClient client = clients.get(clientId);
        if (client == null) {
            throw CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
        }
        return client;
    }

    AppClient client(String userPoolId, String clientId) {
        pool(userPoolId);
        AppClient client = clients.get(clientId);
        if (client == null || !client.userPoolId.equals(userPoolId)) {
            throw CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
        }
        return client;
    }
}
