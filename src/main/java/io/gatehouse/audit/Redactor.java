package io.gatehouse.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.google.re2j.Pattern;

/**
 * Makes a copy of a JSON document fit for the audit log: configured paths are masked, and anything that looks like
 * a credential is replaced whatever its JSON type or nesting.
 *
 * <p>Two independent nets, because neither alone is enough. By name: every member whose key reads like a credential
 * ({@code password}, {@code client_secret}, {@code Authorization}, ...) loses its whole value, be it a string, a
 * number, an array or an object. By shape: every string that looks like a credential (a JWT or JWE, a bearer or
 * basic authorization value, a PEM private key, {@code password=...} in a query string, a URL with a password) is
 * replaced wherever it sits, including inside arrays and inside strings that are themselves JSON documents. Object
 * keys that look like credentials are renamed. Both nets err on the side of masking.
 */
public final class Redactor {

    /** What a masked configured path becomes. */
    public static final String MASKED = "[MASKED]";

    /** What a credential becomes. */
    public static final String REDACTED = "[REDACTED]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EMBEDDED_JSON = 1 << 20;

    // keys are compared lowercased with '-', '_', '.' and spaces removed
    private static final List<String> CREDENTIAL_KEY_PARTS = List.of(
            "password", "passwd", "passphrase", "secret", "token", "authorization", "privatekey", "apikey",
            "accesskey", "credential", "cookie", "sessionid", "jwt", "assertion", "signature", "bearer");
    private static final List<String> CREDENTIAL_KEYS_EXACT = List.of("pwd", "pass", "auth", "pin", "otp");

    /**
     * A credential shape: an RE2 pattern, and a literal every match must contain. The literal is checked first, on
     * the text lowercased when the pattern ignores case; most strings hold none of them, so most never reach the
     * regular-expression engine.
     */
    private record Shape(Pattern pattern, boolean ignoreCase, String[] anyOf) {

        Shape(Pattern pattern, boolean ignoreCase, List<String> anyOf) {
            this(pattern, ignoreCase, anyOf.toArray(String[]::new));
        }

        // Performance: runs for every string of every audited input; an iterator over a List here was most of the
        // bytes the HTTP decision path allocated
        boolean mayMatch(String text, String lower) {
            if (ignoreCase && foldsSpecially(text)) {
                return true;
            }
            String haystack = ignoreCase ? lower : text;
            for (int index = 0; index < anyOf.length; index++) {
                if (haystack.contains(anyOf[index])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Case-insensitive matching folds U+017F (long s) to s and U+212A (Kelvin sign) to k, which lowercasing does
     * not; a text holding either skips the literal check rather than risk missing a match.
     */
    private static boolean foldsSpecially(String text) {
        return text.indexOf('\u017F') >= 0 || text.indexOf('\u212A') >= 0;
    }

    private static final List<Shape> CREDENTIAL_SHAPES = List.of(
            // JWS/JWT (three parts) and JWE (five parts): the header is base64url JSON, so it starts with "eyJ"
            new Shape(Pattern.compile("eyJ[A-Za-z0-9_-]{2,}={0,2}\\.[A-Za-z0-9_=-]*\\.[A-Za-z0-9_=-]*"), false,
                    List.of("eyJ")),
            new Shape(Pattern.compile("(?i)\\b(bearer|dpop)\\s+[A-Za-z0-9._~+/=-]{6,}"), true,
                    List.of("bearer", "dpop")),
            new Shape(Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----"), false,
                    List.of("-----BEGIN ")),
            new Shape(Pattern.compile("(?i)(password|passwd|pwd|secret|token|api[_-]?key|client[_-]?secret"
                    + "|access[_-]?key)\\s*=\\s*[^\\s&\"',;]+"), true, List.of("=")),
            new Shape(Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"), true, List.of("://")),
            new Shape(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), false, List.of("AKIA", "ASIA")),
            new Shape(Pattern.compile("\\b(ghp|gho|ghs|ghu|github_pat|glpat|xox[abprs])[-_][A-Za-z0-9_-]{10,}"), false,
                    List.of("gh", "glpat", "xox")));

    // "Basic authentication failed" is prose; a credential has a digit, '+', '/' or '=' somewhere. RE2 has no
    // lookahead, so that second condition is checked on each match in code.
    private static final Pattern SCHEME_CREDENTIAL =
            Pattern.compile("(?i)\\b(basic|digest|negotiate)\\s+([A-Za-z0-9._~+/=-]{12,})");
    private static final Pattern CREDENTIAL_CHARACTER = Pattern.compile("[0-9+/=]");

    private final List<JsonPathMask> masks;

    /**
     * @param maskedPaths paths into the input to mask, in the form {@code $.a.b}, {@code $.items[*].card},
     *     {@code $.list[0]}, {@code $..iban} (any depth), {@code $.a.*}
     */
    public Redactor(List<String> maskedPaths) {
        Objects.requireNonNull(maskedPaths, "maskedPaths");
        this.masks = maskedPaths.stream().map(JsonPathMask::parse).toList();
    }

    /** Masks the configured paths, then redacts credentials; the argument is not changed. */
    public JsonNode redactInput(JsonNode input) {
        if (input == null) {
            return null;
        }
        // the masks change the tree they are given; the credential net below always builds a new one
        JsonNode copy = masks.isEmpty() ? input : input.deepCopy();
        for (JsonPathMask mask : masks) {
            copy = mask.apply(copy);
        }
        return redactCredentials(copy);
    }

    /** As {@link #redactInput}, written to {@code out} instead of returned; {@code null} is written as null. */
    void writeRedactedInput(JsonGenerator out, JsonNode input) throws IOException {
        if (input == null || !masks.isEmpty()) {
            out.writeTree(redactInput(input));
            return;
        }
        writeRedacted(out, input);
    }

    /**
     * Writes what {@link #redactCredentials} returns, without building it: strings and members are checked on the
     * way. An object with a key that is itself credential-shaped is built as a tree first, so that the keys it is
     * renamed to collapse with any existing member of that name exactly as they do in the tree.
     */
    static void writeRedacted(JsonGenerator out, JsonNode node) throws IOException {
        if (node == null) {
            out.writeNull();
        } else if (node.isObject()) {
            writeRedactedObject(out, (ObjectNode) node);
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                writeRedacted(out, item);
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(redactString(node.textValue()));
        } else {
            out.writeTree(node);
        }
    }

    private static void writeRedactedObject(JsonGenerator out, ObjectNode object) throws IOException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            if (keyVerdict(names.next()) == KeyVerdict.CREDENTIAL_SHAPED) {
                out.writeTree(redactObject(object));
                return;
            }
        }
        out.writeStartObject();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.writeFieldName(field.getKey());
            if (keyVerdict(field.getKey()) == KeyVerdict.CREDENTIAL_NAME) {
                out.writeString(REDACTED);
            } else {
                writeRedacted(out, field.getValue());
            }
        }
        out.writeEndObject();
    }

    /** What a member's key says about the member. */
    private enum KeyVerdict {
        /** An ordinary key: the value is checked on its own. */
        PLAIN,
        /** A key that names a credential ({@link #isCredentialKey}): the whole value is replaced. */
        CREDENTIAL_NAME,
        /** A key that is itself a credential: neither it nor its value may be kept. */
        CREDENTIAL_SHAPED
    }

    // Performance: inputs repeat a small vocabulary of keys (and Jackson hands them out as the same String), so
    // the verdicts of short plain or credential-named keys are kept, up to a bound that attacker-chosen keys
    // cannot push past. Credential-shaped keys are never kept: the cache would hold the credential.
    private static final int KEY_VERDICTS_KEPT = 4096;
    private static final int KEY_LENGTH_KEPT = 64;
    private static final Map<String, KeyVerdict> KEY_VERDICTS = new ConcurrentHashMap<>();

    private static KeyVerdict keyVerdict(String key) {
        KeyVerdict kept = KEY_VERDICTS.get(key);
        if (kept != null) {
            return kept;
        }
        KeyVerdict verdict = !redactString(key).equals(key) ? KeyVerdict.CREDENTIAL_SHAPED
                : isCredentialKey(key) ? KeyVerdict.CREDENTIAL_NAME : KeyVerdict.PLAIN;
        if (verdict != KeyVerdict.CREDENTIAL_SHAPED && key.length() <= KEY_LENGTH_KEPT
                && KEY_VERDICTS.size() < KEY_VERDICTS_KEPT) {
            KEY_VERDICTS.put(key, verdict);
        }
        return verdict;
    }

    /** Redacts credentials only (for the parts of a record that are not the input); returns a new tree. */
    public static JsonNode redactCredentials(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            return redactObject((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(redactCredentials(item)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(redactString(node.textValue()));
        }
        return node.deepCopy();
    }

    /**
     * A string, or {@value #REDACTED} when it looks like or contains a credential.
     *
     * <p>The shapes are RE2 patterns (linear-time): every audited input passes through here, so a backtracking
     * engine would let one long string in a request cost minutes of CPU.
     */
    public static String redactString(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int index = 0; index < CREDENTIAL_SHAPES.size(); index++) {
            Shape shape = CREDENTIAL_SHAPES.get(index);
            if (shape.mayMatch(text, lower) && shape.pattern().matcher(text).find()) {
                return REDACTED;
            }
        }
        if (!foldsSpecially(text) && !lower.contains("basic") && !lower.contains("digest")
                && !lower.contains("negotiate")) {
            return redactEmbeddedJson(text);
        }
        com.google.re2j.Matcher scheme = SCHEME_CREDENTIAL.matcher(text);
        while (scheme.find()) {
            if (CREDENTIAL_CHARACTER.matcher(scheme.group(2)).find()) {
                return REDACTED;
            }
        }
        return redactEmbeddedJson(text);
    }

    // Performance: runs for every key of every audited input; a replaceAll here compiled a regex per call.
    private static String withoutSeparators(String key) {
        StringBuilder normal = new StringBuilder(key.length());
        for (int index = 0; index < key.length(); index++) {
            char unit = key.charAt(index);
            if (unit != '-' && unit != '_' && unit != '.' && unit != ' ') {
                normal.append(unit);
            }
        }
        return normal.toString();
    }

    /** Whether a member named so holds a credential. */
    public static boolean isCredentialKey(String key) {
        String normal = withoutSeparators(key.toLowerCase(Locale.ROOT));
        if (CREDENTIAL_KEYS_EXACT.contains(normal)) {
            return true;
        }
        for (int index = 0; index < CREDENTIAL_KEY_PARTS.size(); index++) {
            if (normal.contains(CREDENTIAL_KEY_PARTS.get(index))) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode redactObject(ObjectNode object) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        int renamed = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String safeKey = redactString(key);
            if (!safeKey.equals(key)) {
                // a key that is itself a credential: neither it nor its value may be kept
                copy.put(REDACTED + "#" + renamed++, REDACTED);
            } else if (isCredentialKey(key)) {
                copy.put(key, REDACTED);
            } else {
                copy.set(key, redactCredentials(field.getValue()));
            }
        }
        return copy;
    }

    // A string holding a JSON document is parsed and redacted too, so '{"password":"x"}' as text is no way around.
    private static String redactEmbeddedJson(String text) {
        String trimmed = text.strip();
        boolean looksLikeJson = trimmed.startsWith("{") && trimmed.endsWith("}")
                || trimmed.startsWith("[") && trimmed.endsWith("]");
        if (!looksLikeJson || trimmed.length() > MAX_EMBEDDED_JSON) {
            return text;
        }
        try {
            JsonNode parsed = JSON.readTree(trimmed);
            JsonNode redacted = redactCredentials(parsed);
            return redacted.equals(parsed) ? text : JSON.writeValueAsString(redacted);
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }

    /** One configured path to mask. */
    record JsonPathMask(String source, List<Step> steps) {

        sealed interface Step {
        }

        record Member(String name) implements Step {
        }

        record AnyMember() implements Step {
        }

        record Index(int index) implements Step {
        }

        record AnyIndex() implements Step {
        }

        record Descendant(String name) implements Step {
        }

        static JsonPathMask parse(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("$")) {
                throw new IllegalArgumentException("masked path '" + path + "' must start with '$'");
            }
            List<Step> steps = new ArrayList<>();
            int i = 1;
            while (i < path.length()) {
                i = parseStep(path, i, steps);
            }
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("masked path '" + path + "' names no member");
            }
            return new JsonPathMask(path, List.copyOf(steps));
        }

        private static int parseStep(String path, int i, List<Step> steps) {
            if (path.startsWith("..", i)) {
                int end = nameEnd(path, i + 2);
                steps.add(new Descendant(requireName(path, i + 2, end)));
                return end;
            }
            if (path.startsWith(".*", i)) {
                steps.add(new AnyMember());
                return i + 2;
            }
            if (path.charAt(i) == '.') {
                int end = nameEnd(path, i + 1);
                steps.add(new Member(requireName(path, i + 1, end)));
                return end;
            }
            if (path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("masked path '" + path + "' has an unclosed '['");
                }
                String inside = path.substring(i + 1, close);
                steps.add(bracketStep(path, inside));
                return close + 1;
            }
            throw new IllegalArgumentException("masked path '" + path + "' has an unexpected '" + path.charAt(i)
                    + "' at " + i + "\nexpected '.name', '[*]', '[0]' or '..name'");
        }

        private static Step bracketStep(String path, String inside) {
            if (inside.equals("*")) {
                return new AnyIndex();
            }
            if (inside.length() > 1 && (inside.startsWith("'") && inside.endsWith("'")
                    || inside.startsWith("\"") && inside.endsWith("\""))) {
                return new Member(inside.substring(1, inside.length() - 1));
            }
            try {
                return new Index(Integer.parseInt(inside));
            } catch (NumberFormatException notIndex) {
                throw new IllegalArgumentException("masked path '" + path + "' has '[" + inside + "]'"
                        + "\nexpected '[*]', '[0]' or ['name']", notIndex);
            }
        }

        private static int nameEnd(String path, int start) {
            int end = start;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            return end;
        }

        private static String requireName(String path, int start, int end) {
            if (end == start) {
                throw new IllegalArgumentException("masked path '" + path + "' has an empty member name at " + start);
            }
            return path.substring(start, end);
        }

        JsonNode apply(JsonNode root) {
            mask(root, 0);
            return root;
        }

        private void mask(JsonNode node, int stepIndex) {
            Step step = steps.get(stepIndex);
            boolean last = stepIndex == steps.size() - 1;
            if (step instanceof Member member && node instanceof ObjectNode object) {
                visitMember(object, member.name(), stepIndex, last);
            } else if (step instanceof AnyMember && node instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                names.forEach(name -> visitMember(object, name, stepIndex, last));
            } else if (step instanceof Index index && node instanceof ArrayNode array) {
                visitIndex(array, index.index(), stepIndex, last);
            } else if (step instanceof AnyIndex && node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    visitIndex(array, i, stepIndex, last);
                }
            } else if (step instanceof Descendant descendant) {
                maskDescendants(node, descendant.name(), stepIndex, last);
            }
        }

        private void maskDescendants(JsonNode node, String name, int stepIndex, boolean last) {
            if (node instanceof ObjectNode object) {
                if (object.has(name)) {
                    visitMember(object, name, stepIndex, last);
                }
                object.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals(name) || !last) {
                        maskDescendants(field.getValue(), name, stepIndex, last);
                    }
                });
            } else if (node instanceof ArrayNode array) {
                array.forEach(item -> maskDescendants(item, name, stepIndex, last));
            }
        }

        private void visitMember(ObjectNode object, String name, int stepIndex, boolean last) {
            Optional<JsonNode> child = Optional.ofNullable(object.get(name));
            if (child.isEmpty()) {
                return;
            }
            if (last) {
                object.put(name, MASKED);
            } else {
                mask(child.get(), stepIndex + 1);
            }
        }

        private void visitIndex(ArrayNode array, int index, int stepIndex, boolean last) {
            if (index < 0 || index >= array.size()) {
                return;
            }
            if (last) {
                array.set(index, TextNode.valueOf(MASKED));
            } else {
                mask(array.get(index), stepIndex + 1);
            }
        }
    }
}
