package dev.stepwise.harness.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs a {@link LoadPlan} against a {@link SignInTask}.
 *
 * <p>A paced run is open-loop: sign-in {@code i} is due at {@code start + i / rate}, and its latency is measured from
 * that due time, not from when a worker got to it, so a target that falls behind shows up in the latency instead of
 * silently lowering the rate (the "coordinated omission" trap). A run with rate 0 is closed-loop: each worker starts
 * its next sign-in when the previous one ends, which measures the most the target can do.
 */
public final class LoadRunner {

    /**
     * Where progress goes, about once a second, from a background thread.
     *
     * @see Progress
     */
    @FunctionalInterface
    public interface ProgressListener {
        /** Called with the figures so far. */
        void progress(Progress progress);

        /** A listener that ignores progress. */
        static ProgressListener none() {
            return progress -> {};
        }
    }

    /**
     * Figures so far.
     *
     * @param elapsedNanos since the first measured sign-in was due
     * @param completed measured sign-ins finished, with or without tokens
     * @param failed of those, how many threw
     * @param total the plan's count
     */
    public record Progress(long elapsedNanos, int completed, int failed, int total) {
        /** Completed sign-ins per second so far. */
        public double rate() {
            return elapsedNanos <= 0 ? 0 : completed * 1e9 / elapsedNanos;
        }
    }

    private final LongSupplier clock;

    private LoadRunner(LongSupplier clock) {
        this.clock = clock;
    }

    /** A runner on {@link System#nanoTime()}. */
    public static LoadRunner create() {
        return new LoadRunner(System::nanoTime);
    }

    /**
     * Runs the warm-up, then the measured sign-ins, and waits for all of them.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public LoadReport run(LoadPlan plan, SignInTask task, ProgressListener listener) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(plan.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "stepwise-load");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stepwise-load-progress");
            thread.setDaemon(true);
            return thread;
        });
        try {
            warmUp(plan, task, workers);
            return measure(plan, task, listener, workers, ticker);
        } finally {
            ticker.shutdownNow();
            workers.shutdownNow();
        }
    }

    private static void warmUp(LoadPlan plan, SignInTask task, ExecutorService workers) throws InterruptedException {
        if (plan.warmup() == 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Callable<Void>> loops = new ArrayList<>();
        for (int w = 0; w < plan.concurrency(); w++) {
            loops.add(() -> {
                for (int i = next.getAndIncrement(); i < plan.warmup(); i = next.getAndIncrement()) {
                    try {
                        task.signIn(plan.count() + (long) i);
                    } catch (Exception e) {
                        // Warm-up failures surface again, and are counted, in the measured part.
                    }
                }
                return null;
            });
        }
        workers.invokeAll(loops);
    }

    private LoadReport measure(
            LoadPlan plan,
            SignInTask task,
            ProgressListener listener,
            ExecutorService workers,
            ScheduledExecutorService ticker)
            throws InterruptedException {
        int count = plan.count();
        long[] latency = new long[count];
        long[] lag = new long[count];
        boolean[] ok = new boolean[count];
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicInteger started = new AtomicInteger();
        long start = clock.getAsLong();
        long deadline = start + plan.timeLimit().toNanos();
        long[] lastEnd = {start};
        ticker.scheduleAtFixedRate(
                () -> listener.progress(new Progress(clock.getAsLong() - start, completed.get(), failed.get(), count)),
                1,
                1,
                TimeUnit.SECONDS);

        java.util.concurrent.CountDownLatch done;
        if (plan.paced()) {
            double period = 1e9 / plan.rate();
            done = new java.util.concurrent.CountDownLatch(count);
            int i = 0;
            for (; i < count; i++) {
                long due = start + (long) (i * period);
                if (due > deadline) {
                    break;
                }
                long wait;
                while ((wait = due - clock.getAsLong()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                started.incrementAndGet();
                workers.execute(() -> {
                    long begin = clock.getAsLong();
                    lag[index] = Math.max(0, begin - due);
                    run(task, index, due, latency, ok, failed, firstError);
                    record(lastEnd, clock.getAsLong());
                    completed.incrementAndGet();
                    done.countDown();
                });
            }
            for (int skipped = i; skipped < count; skipped++) {
                done.countDown();
            }
        } else {
            done = new java.util.concurrent.CountDownLatch(plan.concurrency());
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < plan.concurrency(); w++) {
                workers.execute(() -> {
                    try {
                        for (int index = next.getAndIncrement();
                                index < count && clock.getAsLong() < deadline;
                                index = next.getAndIncrement()) {
                            started.incrementAndGet();
                            run(task, index, clock.getAsLong(), latency, ok, failed, firstError);
                            record(lastEnd, clock.getAsLong());
                            completed.incrementAndGet();
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
        }
        done.await();
        int n = started.get();
        long[] successes = new long[n];
        int s = 0;
        for (int i = 0; i < count; i++) {
            if (ok[i]) {
                successes[s++] = latency[i];
            }
        }
        listener.progress(new Progress(clock.getAsLong() - start, completed.get(), failed.get(), count));
        long[] lags = plan.paced() ? Arrays.copyOf(lag, n) : new long[0];
        return new LoadReport(
                plan,
                n,
                s,
                failed.get(),
                lastEnd(lastEnd) - start,
                Percentiles.of(Arrays.copyOf(successes, s)),
                Percentiles.of(lags),
                firstError.get());
    }

    private void run(
            SignInTask task,
            int index,
            long from,
            long[] latency,
            boolean[] ok,
            AtomicInteger failed,
            AtomicReference<String> firstError) {
        try {
            task.signIn(index);
            latency[index] = clock.getAsLong() - from;
            ok[index] = true;
        } catch (Exception e) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void record(long[] lastEnd, long now) {
        synchronized (lastEnd) {
            lastEnd[0] = Math.max(lastEnd[0], now);
        }
    }

    private static long lastEnd(long[] lastEnd) {
        synchronized (lastEnd) {
            return lastEnd[0];
        }
    }
}
