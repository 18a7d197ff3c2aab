package dev.stepwise.harness.emulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The faults the emulator's SES v2 and SNS endpoints answer with, in the order they were added: each request to a
 * service takes the first of that service's faults, which counts down and goes away when its count is spent. A service
 * with no fault answers normally. Also reachable over HTTP at {@code /_stepwise/faults} (see docs/emulator.md).
 *
 * <p>Thread-safe.
 */
public final class SenderFaults {

    private final Map<SenderFault.Service, List<Remaining>> queues = new EnumMap<>(SenderFault.Service.class);
    private final Map<SenderFault.Service, Integer> applied = new EnumMap<>(SenderFault.Service.class);

    SenderFaults() {}

    /** Adds a fault after the service's existing ones. */
    public synchronized void add(SenderFault fault) {
        Objects.requireNonNull(fault, "fault");
        queues.computeIfAbsent(fault.service(), s -> new ArrayList<>()).add(new Remaining(fault, fault.count()));
    }

    /** Removes every fault of every service. */
    public synchronized void clear() {
        queues.clear();
    }

    /** Removes every fault of one service. */
    public synchronized void clear(SenderFault.Service service) {
        queues.remove(Objects.requireNonNull(service, "service"));
    }

    /** The faults still to apply, in order, each with the count it has left. */
    public synchronized List<SenderFault> pending() {
        List<SenderFault> pending = new ArrayList<>();
        for (SenderFault.Service service : SenderFault.Service.values()) {
            for (Remaining r : queues.getOrDefault(service, List.of())) {
                pending.add(new SenderFault(r.fault.service(), r.fault.mode(), r.left, r.fault.delay()));
            }
        }
        return List.copyOf(pending);
    }

    /** How many requests to {@code service} were answered with a fault (delays included) since the start. */
    public synchronized int applied(SenderFault.Service service) {
        return applied.getOrDefault(service, 0);
    }

    /** The fault for this request to {@code service}, counted down, or null to answer normally. */
    synchronized SenderFault take(SenderFault.Service service) {
        List<Remaining> queue = queues.get(service);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Remaining first = queue.get(0);
        if (first.left != SenderFault.UNTIL_CLEARED && --first.left == 0) {
            queue.remove(0);
        }
        applied.merge(service, 1, Integer::sum);
        return first.fault;
    }

    private static final class Remaining {
        final SenderFault fault;
        int left;

        Remaining(SenderFault fault, int left) {
            this.fault = fault;
            this.left = left;
        }
    }
}
