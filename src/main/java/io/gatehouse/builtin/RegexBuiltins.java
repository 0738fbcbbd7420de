package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions with RE2 semantics: matching takes time linear in the text whatever the pattern, a pattern
 * searches unless anchored, and {@code $} means the end of the text (not before a final newline) unless the pattern
 * sets {@code (?m)}. A literal pattern that does not compile is a compile error of the policy.
 */
final class RegexBuiltins {

    private static final Param PATTERN = Param.STRING.checkedBy(pattern -> compile(((Value.Str) pattern).value()));

    private RegexBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("regex.match", args -> Value.Bool.of(compile(Args.string(args, 0))
                        .matcher(Args.string(args, 1)).find()), PATTERN, Param.STRING),
                of("regex.find_n", RegexBuiltins::findN, PATTERN, Param.STRING, Param.NUMBER),
                of("regex.replace", RegexBuiltins::replace, Param.STRING, PATTERN, Param.STRING),
                of("regex.split", RegexBuiltins::split, PATTERN, Param.STRING),
                of("regex.is_valid", RegexBuiltins::isValid, Param.STRING));
    }

    static Pattern compile(String pattern) throws BuiltinException {
        return Patterns.compile(pattern, "regular expression", pattern);
    }

    /** Up to {@code n} matches, left to right; {@code n = -1} means all of them. */
    private static Value findN(List<Value> args) throws BuiltinException {
        int limit = Args.integer(args, 2);
        if (limit < -1) {
            throw new BuiltinException("argument 3 must be -1 or a count, given number " + limit);
        }
        List<Value> found = new ArrayList<>();
        for (int[] match : matches(compile(Args.string(args, 0)), Args.string(args, 1))) {
            if (found.size() == limit) {
                break;
            }
            found.add(Values.string(Args.string(args, 1).substring(match[0], match[1])));
        }
        return Values.array(found);
    }

    /**
     * Match positions as Go's FindAll reports them: an empty match right after the previous match is skipped, so
     * {@code a*} finds "" at 0 and "aaa" in "baaa" but not a second "" at the end.
     */
    private static List<int[]> matches(Pattern pattern, String text) {
        List<int[]> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int previousEnd = -1;
        while (matcher.find()) {
            if (matcher.start() != matcher.end() || matcher.start() != previousEnd) {
                matches.add(new int[] {matcher.start(), matcher.end()});
            }
            previousEnd = matcher.end();
        }
        return matches;
    }

    /** {@code regex.replace(s, pattern, value)}; {@code $1} and {@code ${name}} in value refer to groups. */
    private static Value replace(List<Value> args) throws BuiltinException {
        String replacement = Args.string(args, 2);
        try {
            return Values.string(compile(Args.string(args, 1)).matcher(Args.string(args, 0)).replaceAll(replacement));
        } catch (IllegalArgumentException | IndexOutOfBoundsException badReference) {
            throw new BuiltinException("invalid replacement " + Args.quote(replacement) + ": "
                    + String.valueOf(badReference.getMessage()).toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Splits around the matches, as Go's Regexp.Split with no limit. */
    private static Value split(List<Value> args) throws BuiltinException {
        String text = Args.string(args, 1);
        List<Value> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return Values.array(List.of(Values.string("")));
        }
        int begin = 0;
        int end = 0;
        for (int[] match : matches(compile(Args.string(args, 0)), text)) {
            end = match[0];
            if (match[1] != 0) {
                parts.add(Values.string(text.substring(begin, end)));
            }
            begin = match[1];
        }
        if (end != text.length()) {
            parts.add(Values.string(text.substring(begin)));
        }
        return Values.array(parts);
    }

    private static Value isValid(List<Value> args) {
        try {
            compile(Args.string(args, 0));
            return Value.Bool.TRUE;
        } catch (BuiltinException invalid) {
            return Value.Bool.FALSE;
        }
    }
}
