package io.gatehouse.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * Commands that live beside the areas they serve (the audit verifier, the decision diff) are registered by class
 * name, so the launcher carries every command that is built in.
 */
final class Extensions {

    private static final List<String> COMMANDS = List.of(
            "io.gatehouse.cli.VerifyAuditCommand", "io.gatehouse.cli.DiffCommand");

    private Extensions() {
    }

    static void register(CommandLine commandLine) {
        for (String className : COMMANDS) {
            try {
                Object command = Class.forName(className).getDeclaredConstructor().newInstance();
                commandLine.addSubcommand(command);
            } catch (ClassNotFoundException absent) {
                // the command is not part of this build
            } catch (ReflectiveOperationException broken) {
                throw new IllegalStateException("cannot create command " + className, broken);
            }
        }
    }
}
