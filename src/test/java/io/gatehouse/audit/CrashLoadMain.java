package io.gatehouse.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link AuditCrashIT}: appends privileged records from several threads as fast as the disk
 * allows, in durable mode, and prints {@code ACK <id> .} for each record once {@code record} returned. It runs until
 * it is killed.
 *
 * <p>Usage: {@code CrashLoadMain DIR THREADS}
 */
public final class CrashLoadMain {

    private CrashLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        AuditLogOptions options = AuditLogOptions.defaults(dir).withNode("crash-child")
                .withSegmentMaxBytes(256 * 1024).withCheckpoints(Duration.ofMillis(200), 500)
                .withDurability(Durability.ALL);
        AuditLog log = AuditLog.open(options);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        out.println("READY");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread appender = new Thread(() -> append(log, out, thread), "appender-" + t);
            appender.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void append(AuditLog log, PrintStream out, int thread) {
        for (long n = 0; ; n++) {
            String id = "crash-" + thread + "-" + n;
            try {
                log.record(AuditEvents.decision(id, true));
                out.println("ACK " + id + " .");
            } catch (AuditUnavailableException unavailable) {
                out.println("REFUSED " + id + " .");
            }
        }
    }
}
