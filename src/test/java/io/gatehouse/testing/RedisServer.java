package io.gatehouse.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port, without persistence, for the tests that need shared state.
 * The binary comes from the Debian package that {@code ./test.sh} installs.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RedisServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RedisServer start(String... extraArguments) throws IOException {
        return start(AppProcess.freePort(), extraArguments);
    }

    /** Starts a server on {@code port}, e.g. to bring one back after {@link #close()} on the same address. */
    public static RedisServer start(int port, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(List.of(extraArguments));
        Path log = Files.createTempFile("redis-" + port + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServer server = new RedisServer(process, port, log);
        server.awaitListening(Duration.ofSeconds(10));
        return server;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not listen on " + port + " within " + timeout);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
