package io.gatehouse.parse;

import io.gatehouse.ast.Module;
import io.gatehouse.ast.Pos;
import io.gatehouse.check.Problems;
import io.gatehouse.grammar.PolLexer;
import io.gatehouse.grammar.PolParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one {@code .pol} file into a {@link Module}, reporting syntax errors with friendly expected-token names.
 * A file with a syntax error yields no module: its later stages would only report noise.
 */
public final class PolSource {

    private PolSource() {
    }

    public static Optional<Module> parse(String file, String text, Problems problems) {
        return build(syntax(file, text), problems);
    }

    /**
     * The first half of {@link #parse}: the parse tree and the syntax errors of one file, reporting nothing. It
     * touches no shared state but ANTLR's prediction caches, which are safe to share, so files may be read by
     * several threads at once; {@link #build} then reports in whatever order the caller chooses.
     */
    public static Syntax syntax(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        List<SyntaxError> errors = new ArrayList<>();
        PolParser.ModuleContext tree = parseTree(file, text, errors);
        return new Syntax(file, tree, List.copyOf(errors));
    }

    /** The second half of {@link #parse}: reports the syntax errors, or builds the module from the tree. */
    public static Optional<Module> build(Syntax syntax, Problems problems) {
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(problems, "problems");
        String file = syntax.file;
        if (!syntax.errors.isEmpty()) {
            syntax.errors.forEach(error -> problems.error(Problems.Code.SYNTAX,
                    new Pos(file, error.line, error.column), error.message, error.hint));
            return Optional.empty();
        }
        int before = problems.errorCount();
        Module module = new AstBuilder(file, problems).module(syntax.tree);
        return problems.errorCount() > before ? Optional.empty() : Optional.of(module);
    }

    /** One file read by {@link #syntax}: its parse tree, usable only when there are no syntax errors. */
    public static final class Syntax {
        private final String file;
        private final PolParser.ModuleContext tree;
        private final List<SyntaxError> errors;

        private Syntax(String file, PolParser.ModuleContext tree, List<SyntaxError> errors) {
            this.file = file;
            this.tree = tree;
            this.errors = errors;
        }
    }

    /**
     * Two-stage parsing: the fast SLL prediction first, which is exact for valid text; only when it fails does the
     * full LL parse run again, to report errors at the right token with the right expected set.
     */
    private static PolParser.ModuleContext parseTree(String file, String text, List<SyntaxError> errors) {
        PolLexer lexer = new PolLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PolParser parser = new PolParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.module();
        } catch (ParseCancellationException slowPathNeeded) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(new Collector(errors));
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.module();
        }
    }

    private record SyntaxError(int line, int column, String message, String hint) {
    }

    /** Turns ANTLR's messages into the one error shape: what was found, and what could come instead. */
    private static final class Collector extends BaseErrorListener {
        private final List<SyntaxError> errors;

        Collector(List<SyntaxError> errors) {
            this.errors = errors;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message,
                RecognitionException exception) {
            if (!(offending instanceof Token token) || !(recognizer instanceof Parser parser)) {
                errors.add(new SyntaxError(line, column + 1, "unexpected text", null));
                return;
            }
            IntervalSet expected = exception != null ? exception.getExpectedTokens() : parser.getExpectedTokens();
            String found = token.getType() == Token.EOF ? "end of file" : "\"" + token.getText() + "\"";
            String hint = expectedText(expected);
            errors.add(new SyntaxError(line, column + 1, "unexpected " + found, hint));
        }

        private static String expectedText(IntervalSet expected) {
            if (expected == null || expected.isNil()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (int type : expected.toList()) {
                String name = TokenNames.friendly(type);
                if (name != null && !names.contains(name)) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                return null;
            }
            if (names.size() > 8) {
                return "expected one of " + String.join(", ", names.subList(0, 8)) + ", ...";
            }
            return "expected " + String.join(" or ", names);
        }
    }
}
