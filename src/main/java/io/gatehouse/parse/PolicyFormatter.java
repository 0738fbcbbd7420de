package io.gatehouse.parse;

import io.gatehouse.check.Problems;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.grammar.PolLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Canonical formatting of {@code .pol} source.
 *
 * <p>The formatter works on the token stream, hidden tokens included, rather than on the AST: comments and the
 * author's line breaks survive, and only spacing, indentation and blank lines are made canonical. That also makes
 * it idempotent by construction: the output has the same tokens on the same lines, so formatting it again
 * computes the same spacing and indentation.
 *
 * <p>Rules: four spaces per open bracket carried over from an earlier line; one space around binary operators and
 * keywords, after commas, semicolons and colons; none inside brackets, except one inside a rule body's braces when
 * the body stays on one line; at most one blank line in a row, none after an opening line or before a closing one;
 * no trailing white space; a single newline at the end.
 */
public final class PolicyFormatter {

    private static final String INDENT = "    ";
    private static final Set<String> OPENERS = Set.of("(", "[", "{");
    private static final Set<String> CLOSERS = Set.of(")", "]", "}");
    private static final Set<String> BINARY = Set.of(
            "==", "!=", "<", "<=", ">", ">=", ":=", "=", "+", "-", "*", "/", "%", "|", "&");
    private static final Set<String> KEYWORDS = Set.of(
            "package", "import", "as", "default", "contains", "if", "some", "in", "every", "not", "with");

    private PolicyFormatter() {
    }

    /** A file that does not parse cannot be formatted; carries its syntax errors. */
    public static final class FormatException extends Exception {

        private final transient List<Diagnostic> diagnostics;

        FormatException(List<Diagnostic> diagnostics) {
            super(diagnostics.isEmpty() ? "syntax error" : diagnostics.get(0).format());
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<Diagnostic> diagnostics() {
            return diagnostics;
        }
    }

    public static String format(String file, String source) throws FormatException {
        Problems problems = new Problems();
        if (PolSource.parse(file, source, problems).isEmpty()) {
            throw new FormatException(problems.errors());
        }
        return new Layout(lines(source)).render();
    }

    /** The significant and comment tokens of each source line; an empty list is a blank line. */
    private static List<List<Token>> lines(String source) {
        PolLexer lexer = new PolLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        List<List<Token>> lines = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            if (token.getType() == PolLexer.WS) {
                continue;
            }
            if (token.getType() == PolLexer.NEWLINE) {
                int breaks = (int) token.getText().chars().filter(c -> c == '\n').count();
                breaks = breaks == 0 ? token.getText().length() : breaks;
                for (int index = 0; index < breaks; index++) {
                    lines.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(token);
        }
        lines.add(current);
        return lines;
    }

    private enum Brace { BODY, LITERAL }

    /** Lays out the lines: indentation from the brackets still open, spacing from each pair of neighbours. */
    private static final class Layout {

        private final List<List<Token>> lines;
        private final Deque<Open> open = new ArrayDeque<>();
        private final StringBuilder out = new StringBuilder();
        private int lineNumber;

        private record Open(String text, int line, Brace brace) {
        }

        Layout(List<List<Token>> lines) {
            this.lines = lines;
        }

        String render() {
            boolean pendingBlank = false;
            boolean previousOpened = true;
            for (List<Token> line : lines) {
                lineNumber++;
                if (line.isEmpty()) {
                    pendingBlank = out.length() > 0;
                    continue;
                }
                boolean startsClosed = CLOSERS.contains(line.get(0).getText());
                if (pendingBlank && !previousOpened && !startsClosed) {
                    out.append('\n');
                }
                pendingBlank = false;
                renderLine(line);
                previousOpened = endsOpen(line);
            }
            return out.toString();
        }

        private void renderLine(List<Token> line) {
            int leadingClosers = 0;
            while (leadingClosers < line.size() && CLOSERS.contains(line.get(leadingClosers).getText())) {
                leadingClosers++;
            }
            out.append(INDENT.repeat(depthAfterClosing(leadingClosers)));
            Token previous = null;
            for (Token token : line) {
                if (previous != null) {
                    out.append(space(previous, token) ? " " : "");
                }
                out.append(text(token));
                track(previous, token);
                previous = token;
            }
            out.append('\n');
        }

        /** Indentation counts the earlier lines that opened a bracket still open, after this line's closers. */
        private int depthAfterClosing(int closers) {
            List<Open> stack = new ArrayList<>(open);
            List<Open> remaining = stack.subList(Math.min(closers, stack.size()), stack.size());
            return (int) remaining.stream().mapToInt(Open::line).distinct().count();
        }

        private void track(Token previous, Token token) {
            String text = token.getText();
            if (OPENERS.contains(text)) {
                open.push(new Open(text, lineNumber, text.equals("{") ? braceKind(previous) : Brace.LITERAL));
            } else if (CLOSERS.contains(text) && !open.isEmpty()) {
                open.pop();
            }
        }

        private boolean endsOpen(List<Token> line) {
            String last = line.get(line.size() - 1).getText();
            return OPENERS.contains(last);
        }

        private boolean space(Token previous, Token next) {
            String left = previous.getText();
            String right = next.getText();
            if (next.getType() == PolLexer.COMMENT) {
                return true;
            }
            if (left.equals(".") || right.equals(".") || right.equals(",") || right.equals(";")
                    || right.equals(":")) {
                return false;
            }
            if (right.equals(")") || right.equals("]") || left.equals("(") || left.equals("[")) {
                return false;
            }
            if (right.equals("}")) {
                return !open.isEmpty() && open.peek().brace() == Brace.BODY;
            }
            if (left.equals("{")) {
                return !open.isEmpty() && open.peek().brace() == Brace.BODY;
            }
            if (right.equals("(") || right.equals("[")) {
                return !isOperand(previous);
            }
            if (isUnaryMinus(previous)) {
                return false;
            }
            return true;
        }

        /** A minus is unary when nothing that could be its left operand comes before it. */
        private boolean isUnaryMinus(Token minus) {
            if (!minus.getText().equals("-")) {
                return false;
            }
            Token before = tokenBefore(minus);
            return before == null || !isOperand(before);
        }

        private Token tokenBefore(Token token) {
            List<Token> line = lines.get(lineNumber - 1);
            int index = line.indexOf(token);
            return index > 0 ? line.get(index - 1) : null;
        }

        /** Whether the token can end an operand: a name, a literal or a closing bracket. */
        private static boolean isOperand(Token token) {
            String text = token.getText();
            if (CLOSERS.contains(text)) {
                return true;
            }
            if (BINARY.contains(text) || KEYWORDS.contains(text) || OPENERS.contains(text)) {
                return false;
            }
            return !text.equals(",") && !text.equals(";") && !text.equals(":");
        }

        private static Brace braceKind(Token previous) {
            if (previous == null) {
                return Brace.LITERAL;
            }
            String text = previous.getText();
            if (text.equals("if")) {
                return Brace.BODY;
            }
            return isOperand(previous) ? Brace.BODY : Brace.LITERAL;
        }

        private static String text(Token token) {
            return token.getType() == PolLexer.COMMENT ? token.getText().stripTrailing() : token.getText();
        }
    }
}
