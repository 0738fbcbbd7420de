package io.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line tools, over the same engine the service uses. Launched by {@code ./gatehouse <command>}.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 1.0.0",
        description = "Policy tools for Gatehouse: compile, test, evaluate, format and explain .pol policies.",
        subcommands = {
            CheckCommand.class, TestCommand.class, EvalCommand.class, FmtCommand.class, ExplainCommand.class,
            CatalogCommand.class, CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit status when a command found a problem in the policies (compile errors, failing tests). */
    static final int FOUND_PROBLEMS = 1;
    /** Exit status when the command could not run (unreadable file, bad arguments). */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Extensions.register(commandLine);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
