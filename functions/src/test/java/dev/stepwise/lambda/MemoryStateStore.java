package dev.stepwise.lambda;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StateStoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

final class MemoryStateStore implements StateStore {
    private final ConcurrentSkipListMap<String, StateItem> items = new ConcurrentSkipListMap<>();
    volatile boolean broken;

    private String key(String pk, String sk) {
        if (broken) {
            throw new StateStoreException("state table unreachable (test)", null);
        }
        return pk + "\u0000" + sk;
    }

    @Override
    public Optional<StateItem> get(String pk, String sk, Instant now) {
        return Optional.ofNullable(items.get(key(pk, sk))).filter(i -> !i.expired(now));
    }

    @Override
    public synchronized boolean putIfAbsent(StateItem item, Instant now) {
        StateItem existing = items.get(key(item.pk(), item.sk()));
        if (existing != null && !existing.expired(now)) {
            return false;
        }
        items.put(key(item.pk(), item.sk()), item);
        return true;
    }

    @Override
    public void put(StateItem item) {
        items.put(key(item.pk(), item.sk()), item);
    }

    @Override
    public boolean deleteIfPresent(String pk, String sk) {
        return items.remove(key(pk, sk)) != null;
    }

    @Override
    public List<StateItem> query(String pk, String skPrefix, Instant now) {
        return items.subMap(key(pk, skPrefix), key(pk, skPrefix) + "\uffff").values().stream()
                .filter(i -> !i.expired(now))
                .toList();
    }

    List<StateItem> all() {
        return List.copyOf(items.values());
    }
}
