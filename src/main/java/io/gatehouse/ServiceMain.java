package io.gatehouse;

import io.gatehouse.decision.EarlyCompile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point ({@code java -jar quarkus-run.jar}, {@code ./gatehouse serve}): starts compiling the
 * policy directory, then runs Quarkus, which waits for that compile before it opens the HTTP port. The command-line
 * tools have their own entry point, {@link io.gatehouse.cli.Main}.
 */
@QuarkusMain
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void main(String... args) {
        EarlyCompile.start();
        Quarkus.run(args);
    }
}
