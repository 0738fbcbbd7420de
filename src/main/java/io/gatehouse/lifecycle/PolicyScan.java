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
 * times also as RFC 3339 timestamps), and when the line also indexes or searches another document (a data lookup
 * such as {@code grants[input.principal.spiffe_id]} or {@code input.x in teams.members}) the keys and string values
 * of the revision's data documents become candidates too.
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
        List<String> dataStrings = dataStrings(files);
        Map<String, SortedMap<String, SortedSet<String>>> byPackage = new TreeMap<>();
        Map<String, Boolean> entrypoints = new TreeMap<>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".pol") || path.endsWith("_test.pol")) {
                return;
            }
            scanFile(text, dataStrings, byPackage, entrypoints);
        });
        List<Entrypoint> result = new ArrayList<>();
        byPackage.forEach((name, candidates) -> {
            if (entrypoints.getOrDefault(name, false) && !name.endsWith("_test")) {
                result.add(new Entrypoint(name, candidates));
            }
        });
        return result;
    }

    private static void scanFile(String text, List<String> dataStrings,
            Map<String, SortedMap<String, SortedSet<String>>> byPackage, Map<String, Boolean> entrypoints) {
        List<List<Token>> lines = text.lines().map(Token::lex).toList();
        Map<String, List<String>> ruleConstants = ruleConstants(lines);
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
            scanLine(tokens, dataStrings, ruleConstants, byPackage.get(packageName));
        }
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
                constants.computeIfAbsent(tokens.get(0).text, key -> new ArrayList<>()).addAll(constants(tokens));
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

    private static void scanLine(List<Token> tokens, List<String> dataStrings, Map<String, List<String>> ruleConstants,
            SortedMap<String, SortedSet<String>> candidates) {
        List<String> paths = inputPaths(tokens);
        if (paths.isEmpty()) {
            return;
        }
        List<String> constants = new ArrayList<>(constants(tokens));
        tokens.stream().filter(token -> token.kind == Token.Kind.IDENTIFIER)
                .forEach(token -> constants.addAll(ruleConstants.getOrDefault(token.text, List.of())));
        boolean lookup = looksUpOtherDocument(tokens);
        boolean compared = tokens.stream().anyMatch(Token::isComparison);
        for (String path : paths) {
            SortedSet<String> values = candidates.computeIfAbsent(path, key -> new TreeSet<>());
            values.addAll(constants);
            if (lookup) {
                dataStrings.stream().limit(MAX_DATA_CANDIDATES).forEach(value -> values.add(quote(value)));
            }
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

    /** A reference other than {@code input} that is indexed or searched on this line. */
    private static boolean looksUpOtherDocument(List<Token> tokens) {
        for (int index = 0; index + 1 < tokens.size(); index++) {
            Token token = tokens.get(index);
            boolean reference = token.kind == Token.Kind.IDENTIFIER && !token.is("input")
                    && !(index > 0 && tokens.get(index - 1).is("."));
            if (reference && (tokens.get(index + 1).is("[") || tokens.get(index + 1).is("."))) {
                return true;
            }
            if (token.is("in") && tokens.get(index + 1).kind == Token.Kind.IDENTIFIER
                    && !tokens.get(index + 1).is("input")) {
                return true;
            }
        }
        return false;
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

    private static List<String> dataStrings(Map<String, String> files) {
        TreeSet<String> strings = new TreeSet<>();
        files.forEach((path, text) -> {
            String lower = path.toLowerCase(Locale.ROOT);
            try {
                if (lower.endsWith(".json")) {
                    collectStrings(JSON.readTree(text), strings);
                } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                    collectStrings(YAML.readTree(text), strings);
                }
            } catch (IOException malformed) {
                // the engine reports a malformed data document; the scan only loses its candidates
            }
        });
        return List.copyOf(strings);
    }

    private static void collectStrings(JsonNode node, SortedSet<String> strings) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            strings.add(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            strings.add(field.getKey());
            collectStrings(field.getValue(), strings);
        }
        if (node.isArray()) {
            node.forEach(item -> collectStrings(item, strings));
        }
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
