package io.gatehouse.check;

import io.gatehouse.ast.Pos;
import io.gatehouse.engine.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the diagnostics of one compilation, every stage adding to the same list so that a policy author sees
 * every mistake in one pass. Past {@link #CAP} errors the rest are dropped and one note says so.
 */
public final class Problems {

    public static final int CAP = 100;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int errors;
    private boolean capped;

    public void error(Code code, Pos pos, String message, String hint) {
        if (errors >= CAP) {
            capped = true;
            return;
        }
        errors++;
        diagnostics.add(diagnostic(code, Diagnostic.Severity.ERROR, pos, message, hint));
    }

    public void error(Code code, Pos pos, String message) {
        error(code, pos, message, null);
    }

    public void warning(Code code, Pos pos, String message, String hint) {
        diagnostics.add(diagnostic(code, Diagnostic.Severity.WARNING, pos, message, hint));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** How many entries {@link #errors()} holds, the note about the cap included, without sorting them. */
    public int errorCount() {
        return capped ? errors + 1 : errors;
    }

    /** Every diagnostic, sorted by file, line and column; a note about the cap comes last. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column).thenComparing(Diagnostic::code));
        if (capped) {
            sorted.add(new Diagnostic(Code.TOO_MANY_ERRORS.id(), Diagnostic.Severity.ERROR, "-", 0, 0,
                    "too many errors, only the first " + CAP + " are listed", "fix these and compile again"));
        }
        return sorted;
    }

    public List<Diagnostic> errors() {
        return sorted().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    public List<Diagnostic> warnings() {
        return sorted().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    private static Diagnostic diagnostic(Code code, Diagnostic.Severity severity, Pos pos, String message,
            String hint) {
        return new Diagnostic(code.id(), severity, pos.file(), pos.line(), pos.column(), message, hint);
    }

    /** Stable diagnostic codes; docs/language.md lists them. Never renumber one. */
    public enum Code {
        INTERNAL("E000"),
        SYNTAX("E001"),
        DATA_FILE("E002"),
        UNREADABLE_FILE("E003"),
        UNKNOWN_PACKAGE("E101"),
        UNKNOWN_RULE("E102"),
        UNKNOWN_FUNCTION("E103"),
        ARITY("E104"),
        UNSAFE_VARIABLE("E105"),
        RECURSION("E106"),
        TYPE_MISMATCH("E107"),
        CONFLICTING_DEFAULT("E108"),
        RULE_KIND_CONFLICT("E109"),
        INVALID_OPERATION("E110"),
        BUILTIN_ARGUMENT("E111"),
        DATA_CONFLICT("E112"),
        UNSUPPORTED_REF("E113"),
        REDECLARED_VARIABLE("E114"),
        INVALID_RULE("E115"),
        INVALID_WITH("E116"),
        TOO_MANY_ERRORS("E199"),
        NEVER_FIRES("W201");

        private final String id;

        Code(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
