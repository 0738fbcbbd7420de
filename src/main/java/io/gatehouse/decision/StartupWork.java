package io.gatehouse.decision;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Start-up work done on its own thread and waited for before the service opens. */
public final class StartupWork {

    private StartupWork() {
    }

    /**
     * The work's result. A failure is rethrown as the work threw it, so it stops start-up exactly as it would have
     * on the main thread; {@code during} names the work in the message of an interruption.
     */
    public static <T> T await(Future<T> work, String during) {
        try {
            return work.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + during, interrupted);
        }
    }
}
