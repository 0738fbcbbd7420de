package io.gatehouse.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Gatehouse process started from the packaged application, for tests that need more than one instance
 * (replicas sharing Redis, a central service and a sidecar) or a process to kill. Only failsafe integration tests
 * ({@code *IT}) use it, since they run after {@code package}.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the packaged application with the given configuration properties on a free loopback port and waits
     * until it answers on {@code /q/health/live}.
     */
    public static AppProcess start(String name, Map<String, String> properties) throws IOException {
        String jar = System.getProperty("gatehouse.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        if (!properties.containsKey("gatehouse.audit.dir")) {
            // every process its own audit log: two processes never share one (the log refuses a second writer)
            command.add("-Dgatehouse.audit.dir=" + Files.createTempDirectory("gatehouse-audit-" + name + "-"));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        Path log = Files.createTempFile("gatehouse-" + name + "-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AppProcess app = new AppProcess(process, port, log);
        app.awaitLive(Duration.ofSeconds(60));
        return app;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process at once, as SIGKILL would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitLive(Duration timeout) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("gatehouse exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/live")).build();
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for gatehouse", interrupted);
            }
            sleep();
        }
        process.destroyForcibly();
        throw new IOException("gatehouse did not become live within " + timeout + ":\n" + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
