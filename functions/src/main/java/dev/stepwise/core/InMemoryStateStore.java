package dev.stepwise.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link StateStore} in one process's memory, with the conditions and expiry of the DynamoDB table: for tests,
 * benchmarks and a team's own factor tests, never for a function (each instance is a table of its own, gone with the
 * process). {@link #failing} makes every call fail as an unreachable table would. Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentSkipListMap<String, StateItem> items = new ConcurrentSkipListMap<>();
    private volatile boolean broken;

    private String key(String pk, String sk) {
        if (broken) {
            throw new StateStoreException("state table unreachable", null);
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

    @Override
    public synchronized long increment(String pk, String sk, Instant expiresAt, Instant now) {
        StateItem existing = items.get(key(pk, sk));
        long count = existing == null || existing.expired(now) ? 1 : Long.parseLong(existing.attribute(COUNT)) + 1;
        Instant until = existing == null || existing.expired(now) ? expiresAt : existing.expiresAt();
        items.put(key(pk, sk), new StateItem(pk, sk, Map.of(COUNT, Long.toString(count)), until));
        return count;
    }

    @Override
    public synchronized long incrementUpTo(String pk, String sk, long limit, Instant expiresAt, Instant now) {
        StateItem existing = items.get(key(pk, sk));
        if (existing != null && !existing.expired(now) && Long.parseLong(existing.attribute(COUNT)) >= limit) {
            return -1;
        }
        return increment(pk, sk, expiresAt, now);
    }

    @Override
    public synchronized boolean decrement(String pk, String sk, Instant now) {
        StateItem existing = items.get(key(pk, sk));
        if (existing == null || existing.expired(now) || Long.parseLong(existing.attribute(COUNT)) <= 0) {
            return false;
        }
        long count = Long.parseLong(existing.attribute(COUNT)) - 1;
        items.put(key(pk, sk), new StateItem(pk, sk, Map.of(COUNT, Long.toString(count)), existing.expiresAt()));
        return true;
    }

    /** A copy of every item, expired ones included, keyed by pk and sk. */
    public Map<String, StateItem> view() {
        return Map.copyOf(items);
    }

    /** Deletes every item. */
    public void clear() {
        items.clear();
    }

    /**
     * Makes every later call throw {@link StateStoreException}, as an unreachable table would, or work again.
     *
     * @param failing whether calls fail
     */
    public void failing(boolean failing) {
        broken = failing;
    }
}
