package io.gatehouse.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the policies of a revision test about their input, read from the {@code .pol} text: per entrypoint package,
 * the input paths its rules mention and the constants each path is compared with.
 *
 * <p>This works on tokens, not on the engine's syntax tree, on purpose: it must read both revisions of a diff even
 * when the new one uses a construct the scan does not understand, and it only feeds the input generator, so a
 * mistake costs coverage, never a wrong answer. It is conservative the cheap way: every constant on a line that
 * mentions an input path becomes a candidate value for that path (numbers also one above and one below, clock
 * times also as RFC 3339 timestamps, keys of a constant table the line indexes), and when the line looks the path up
 * in another document, the data documents' matching strings become candidates too (see {@link DataIndex}).
 */
public final class PolicyScan {

    /** Data strings added per path at most, so a large data document does not explode the input space. */
    static final int MAX_DATA_CANDIDATES = 64;

    private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The input space of one entrypoint package.
     *
     * @param packageName the package, e.g. {@code payments.refunds}
     * @param candidates each input path (as its segments joined by {@code .}) to the JSON values worth trying
     */
    public record Entrypoint(String packageName, SortedMap<String, SortedSet<String>> candidates) {
    }

    private PolicyScan() {
    }

    /** Scans {@code files} (relative path to text): policy files and data documents; test files are skipped. */
    public static List<Entrypoint> scan(Map<String, String> files) {
        Map<String, DataIndex> data = DataIndex.byMount(files);
        Map<String, SortedMap<String, SortedSet<String>>> byPackage = new TreeMap<>();
        Map<String, Boolean> entrypoints = new TreeMap<>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".pol") || path.endsWith("_test.pol")) {
                return;
            }
            scanFile(text, data, byPackage, entrypoints);
        });
        List<Entrypoint> result = new ArrayList<>();
        byPackage.forEach((name, candidates) -> {
            if (entrypoints.getOrDefault(name, false) && !name.endsWith("_test")) {
                result.add(new Entrypoint(name, candidates));
            }
        });
        return result;
    }

    private static void scanFile(String text, Map<String, DataIndex> dataByMount,
            Map<String, SortedMap<String, SortedSet<String>>> byPackage, Map<String, Boolean> entrypoints) {
        List<List<Token>> lines = text.lines().map(Token::lex).toList();
        Map<String, List<String>> ruleConstants = ruleConstants(lines);
        DataIndex data = DataIndex.merged(dataByMount, dataReferences(lines));
        String packageName = null;
        for (List<Token> tokens : lines) {
            if (tokens.size() >= 2 && tokens.get(0).is("package")) {
                packageName = dotted(tokens, 1);
                byPackage.computeIfAbsent(packageName, key -> new TreeMap<>());
                continue;
            }
            if (packageName == null || tokens.isEmpty()) {
                continue;
            }
            if (isDecisionRuleHead(tokens)) {
                entrypoints.put(packageName, true);
            }
            scanLine(tokens, data, ruleConstants, byPackage.get(packageName));
        }
    }

    /** The {@code data} paths a policy file imports or names: {@code s2s.grants} for {@code import data.s2s.grants}. */
    static Set<String> dataReferences(List<List<Token>> lines) {
        Set<String> paths = new TreeSet<>();
        for (List<Token> tokens : lines) {
            for (int index = 0; index < tokens.size(); index++) {
                if (tokens.get(index).is("data") && (index == 0 || !tokens.get(index - 1).is("."))) {
                    paths.add(dottedAfter(tokens, index + 1));
                }
            }
        }
        return paths;
    }

    /** {@code .a.b["c"]} after a reference root as {@code a.b.c}; empty when nothing follows. */
    private static String dottedAfter(List<Token> tokens, int from) {
        List<String> segments = new ArrayList<>();
        int at = from;
        while (at + 1 < tokens.size() && tokens.get(at).is(".") && tokens.get(at + 1).kind == Token.Kind.IDENTIFIER) {
            segments.add(tokens.get(at + 1).text);
            at += 2;
        }
        return String.join(".", segments);
    }

    /**
     * Constants of one-line constant rules such as {@code rank := {"public": 0, "internal": 1}}, so a line that
     * compares an input path through {@code rank[...]} gets them as candidates.
     */
    private static Map<String, List<String>> ruleConstants(List<List<Token>> lines) {
        Map<String, List<String>> constants = new TreeMap<>();
        for (List<Token> tokens : lines) {
            if (tokens.size() > 2 && tokens.get(0).column == 0 && tokens.get(0).kind == Token.Kind.IDENTIFIER
                    && tokens.get(1).is(":=") && inputPaths(tokens).isEmpty()) {
                boolean composite = tokens.stream().anyMatch(token -> token.is("{") || token.is("["));
                // a table such as {"gold": 5000} contributes its keys and values as they are: neighbours of every
                // number in a table would multiply the inputs for little gain
                constants.computeIfAbsent(tokens.get(0).text, key -> new ArrayList<>())
                        .addAll(composite ? literals(tokens) : constants(tokens));
            }
        }
        return constants;
    }

    private static boolean isDecisionRuleHead(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.column != 0) {
            return false;
        }
        Token name = first.is("default") && tokens.size() > 1 ? tokens.get(1) : first;
        return name.is("allow") || name.is("deny");
    }

    private static void scanLine(List<Token> tokens, DataIndex data, Map<String, List<String>> ruleConstants,
            SortedMap<String, SortedSet<String>> candidates) {
        List<String> paths = inputPaths(tokens);
        if (paths.isEmpty()) {
            return;
        }
        List<String> constants = new ArrayList<>(constants(tokens));
        tokens.stream().filter(token -> token.kind == Token.Kind.IDENTIFIER)
                .forEach(token -> constants.addAll(ruleConstants.getOrDefault(token.text, List.of())));
        boolean compared = tokens.stream().anyMatch(Token::isComparison);
        for (String path : paths) {
            SortedSet<String> values = candidates.computeIfAbsent(path, key -> new TreeSet<>());
            values.addAll(constants);
            data.candidatesFor(tokens, path).stream().limit(MAX_DATA_CANDIDATES)
                    .forEach(value -> values.add(quote(value)));
            if (!compared) {
                values.add("true");
            }
        }
    }

    /** {@code input.a.b["c"]} as {@code a.b.c}; a reference stops at a computed index. */
    static List<String> inputPaths(List<Token> tokens) {
        List<String> paths = new ArrayList<>();
        for (int index = 0; index < tokens.size(); index++) {
            if (!tokens.get(index).is("input") || (index > 0 && tokens.get(index - 1).is("."))) {
                continue;
            }
            List<String> segments = new ArrayList<>();
            int at = index + 1;
            while (at + 1 < tokens.size()) {
                if (tokens.get(at).is(".") && tokens.get(at + 1).kind == Token.Kind.IDENTIFIER) {
                    segments.add(tokens.get(at + 1).text);
                    at += 2;
                } else if (tokens.get(at).is("[") && at + 2 < tokens.size()
                        && tokens.get(at + 1).kind == Token.Kind.STRING && tokens.get(at + 2).is("]")) {
                    segments.add(tokens.get(at + 1).value);
                    at += 3;
                } else {
                    break;
                }
            }
            if (!segments.isEmpty()) {
                paths.add(String.join(".", segments));
            }
        }
        return paths;
    }

    private static List<String> constants(List<Token> tokens) {
        List<String> constants = new ArrayList<>();
        for (Token token : tokens) {
            switch (token.kind) {
                case STRING -> {
                    constants.add(quote(token.value));
                    if (CLOCK.matcher(token.value).matches()) {
                        constants.addAll(timestampsAround(token.value));
                    }
                }
                case NUMBER -> constants.addAll(numbersAround(token.text));
                case IDENTIFIER -> {
                    if (token.is("true") || token.is("false") || token.is("null")) {
                        constants.add(token.text);
                    }
                }
                default -> {
                }
            }
        }
        return constants;
    }

    private static List<String> literals(List<Token> tokens) {
        return tokens.stream().filter(token -> token.kind == Token.Kind.STRING || token.kind == Token.Kind.NUMBER)
                .map(token -> token.kind == Token.Kind.STRING ? quote(token.value) : token.text).toList();
    }

    private static List<String> numbersAround(String literal) {
        try {
            BigDecimal number = new BigDecimal(literal);
            return List.of(number.subtract(BigDecimal.ONE).toPlainString(), number.toPlainString(),
                    number.add(BigDecimal.ONE).toPlainString());
        } catch (NumberFormatException notANumber) {
            return List.of();
        }
    }

    /** A clock time {@code HH:MM} compared with the request time: that minute and the minute before, in UTC. */
    private static List<String> timestampsAround(String clock) {
        int hours = Integer.parseInt(clock.substring(0, 2));
        int minutes = Integer.parseInt(clock.substring(3, 5));
        int before = (hours * 60 + minutes + 24 * 60 - 1) % (24 * 60);
        return List.of(quote("2026-01-05T" + clock + ":00Z"),
                quote(String.format(Locale.ROOT, "2026-01-05T%02d:%02d:00Z", before / 60, before % 60)));
    }

    private static String dotted(List<Token> tokens, int from) {
        StringBuilder name = new StringBuilder();
        for (int index = from; index < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (token.kind != Token.Kind.IDENTIFIER && !token.is(".")) {
                break;
            }
            name.append(token.text);
        }
        return name.toString();
    }

    static String quote(String value) {
        return JSON.getNodeFactory().textNode(value).toString();
    }

    /** A token of one line; strings and comments never span lines in the scan's view. */
    static final class Token {

        enum Kind { IDENTIFIER, STRING, NUMBER, SYMBOL }

        final Kind kind;
        final String text;
        final String value;
        final int column;

        private Token(Kind kind, String text, String value, int column) {
            this.kind = kind;
            this.text = text;
            this.value = value;
            this.column = column;
        }

        boolean is(String literal) {
            return kind != Kind.STRING && text.equals(literal);
        }

        boolean isComparison() {
            return kind == Kind.SYMBOL && List.of("==", "!=", "<", "<=", ">", ">=").contains(text)
                    || is("in");
        }

        static List<Token> lex(String line) {
            List<Token> tokens = new ArrayList<>();
            int at = 0;
            while (at < line.length()) {
                char c = line.charAt(at);
                if (c == '#') {
                    break;
                }
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (c == '"' || c == '`') {
                    at = string(line, at, tokens);
                } else if (Character.isDigit(c)) {
                    int end = at;
                    while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(new Token(Kind.NUMBER, line.substring(at, end), null, at));
                    at = end;
                } else if (Character.isLetter(c) || c == '_') {
                    int end = at;
                    while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end))
                            || line.charAt(end) == '_')) {
                        end++;
                    }
                    tokens.add(new Token(Kind.IDENTIFIER, line.substring(at, end), null, at));
                    at = end;
                } else {
                    at = symbol(line, at, tokens);
                }
            }
            return tokens;
        }

        private static int string(String line, int start, List<Token> tokens) {
            char quote = line.charAt(start);
            StringBuilder value = new StringBuilder();
            int at = start + 1;
            while (at < line.length() && line.charAt(at) != quote) {
                char c = line.charAt(at);
                if (c == '\\' && quote == '"' && at + 1 < line.length()) {
                    at++;
                    c = unescape(line.charAt(at));
                }
                value.append(c);
                at++;
            }
            tokens.add(new Token(Kind.STRING, line.substring(start, Math.min(at + 1, line.length())),
                    value.toString(), start));
            return at + 1;
        }

        private static char unescape(char escaped) {
            return switch (escaped) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> escaped;
            };
        }

        private static int symbol(String line, int at, List<Token> tokens) {
            String two = at + 1 < line.length() ? line.substring(at, at + 2) : "";
            if (List.of("==", "!=", "<=", ">=", ":=").contains(two)) {
                tokens.add(new Token(Kind.SYMBOL, two, null, at));
                return at + 2;
            }
            tokens.add(new Token(Kind.SYMBOL, String.valueOf(line.charAt(at)), null, at));
            return at + 1;
        }
    }
}
