package io.gatehouse.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures durable appends per second and the latency {@code record} adds to a privileged decision, with group
 * commit (one fsync per batch) and without it (one fsync per record), on the disk under {@code DIR}.
 *
 * <p>Usage: {@code AuditAppendBench [DIR] [SECONDS] [THREADS,...]}; see docs/audit.md for the command line.
 */
public final class AuditAppendBench {

    private AuditAppendBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of("target");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] threadCounts = args.length > 2
                ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 16, 64};
        System.out.printf("%-12s %8s %14s %12s %12s %12s%n",
                "mode", "threads", "appends/s", "median us", "p99 us", "recs/fsync");
        for (int threads : threadCounts) {
            run("group", 512, threads, seconds, base);
            run("per-record", 1, threads, seconds, base);
        }
    }

    private static void run(String mode, int batchMax, int threads, int seconds, Path base) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(base), "audit-bench-");
        long[] fsyncs = new long[1];
        AuditLogListener countFsyncs = new AuditLogListener() {
            @Override
            public void appended(int records, long fsyncNanos) {
                fsyncs[0]++;
            }
        };
        AuditLogOptions defaults = AuditLogOptions.defaults(dir).withNode("bench").withListener(countFsyncs);
        AuditLogOptions options = new AuditLogOptions(defaults.dir(), defaults.keyFile(), defaults.node(),
                defaults.segmentMaxBytes(), defaults.checkpointInterval(), defaults.checkpointEvery(),
                Durability.ALL, batchMax, defaults.queueCapacity(), defaults.writeTimeout(),
                defaults.retryInterval(), List.of(), defaults.clock(), defaults.channels(), defaults.listener());
        try (AuditLog log = AuditLog.open(options)) {
            warmUp(log);
            long fsyncsBefore = fsyncs[0];
            List<long[]> latencies = new ArrayList<>();
            long records = measure(log, threads, seconds, latencies);
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
            System.out.printf("%-12s %8d %14.0f %12.0f %12.0f %12.1f%n", mode, threads, records / (double) seconds,
                    all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0,
                    records / (double) Math.max(1, fsyncs[0] - fsyncsBefore));
        }
    }

    private static void warmUp(AuditLog log) throws AuditUnavailableException {
        for (int i = 0; i < 2000; i++) {
            log.record(AuditEvents.decision("warm-" + i, false));
        }
    }

    private static long measure(AuditLog log, int threads, int seconds, List<long[]> latencies) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            Thread worker = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        log.record(AuditEvents.decision("b-" + index + "-" + n, true));
                    } catch (AuditUnavailableException unavailable) {
                        throw new IllegalStateException(unavailable);
                    }
                    if (n < samples.length) {
                        samples[n] = System.nanoTime() - start;
                    }
                    n++;
                }
                counts[index] = n;
            });
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return Arrays.stream(counts).sum();
    }
}
