package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob.match(pattern, delimiters, text)}: the glob is translated to an RE2 pattern, so matching never
 * backtracks. {@code *} matches any run of characters except delimiters, {@code **} any run including them,
 * {@code ?} one character that is not a delimiter, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character of
 * (or not of) a class, {@code {a,b}} one of the alternatives (which may nest), and a backslash escapes the next
 * character. The delimiters are explicit: an empty array means none, unlike OPA's default of ".".
 */
final class GlobBuiltins {

    private static final Cache<String, Pattern> TRANSLATED = Caffeine.newBuilder().maximumSize(2048).build();

    private GlobBuiltins() {
    }

    static List<Builtin> all() {
        Param pattern = Param.STRING.checkedBy(glob -> compile(((Value.Str) glob).value(), List.of()));
        Param delimiters = Param.ARRAY.checkedBy(GlobBuiltins::delimiters);
        return List.of(of("glob.match", GlobBuiltins::match, pattern, delimiters, Param.STRING),
                of("glob.quote_meta", args -> io.gatehouse.value.Values.string(quoteMeta(Args.string(args, 0))),
                        Param.STRING));
    }

    private static Value match(List<Value> args) throws BuiltinException {
        Pattern pattern = compile(Args.string(args, 0), delimiters(args.get(1)));
        return Value.Bool.of(pattern.matcher(Args.string(args, 2)).matches());
    }

    /** Cached by glob and delimiters, so a repeated call skips the translation as well as the compilation. */
    private static Pattern compile(String glob, List<Integer> delimiters) throws BuiltinException {
        String key = delimiters + "\u0000" + glob;
        Pattern cached = TRANSLATED.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Patterns.compile(GlobTranslator.translate(glob, delimiters), "glob pattern", glob);
        TRANSLATED.put(key, compiled);
        return compiled;
    }

    /** The delimiters, each a single character; at compile time a literal array is checked the same way. */
    private static List<Integer> delimiters(Value array) throws BuiltinException {
        List<Integer> delimiters = new ArrayList<>();
        for (Value item : ((Value.Arr) array).items()) {
            if (!(item instanceof Value.Str text) || text.value().codePointCount(0, text.value().length()) != 1) {
                throw new BuiltinException("argument 2 must hold single-character strings, given "
                        + Args.describe(item));
            }
            delimiters.add(text.value().codePointAt(0));
        }
        return delimiters;
    }

    private static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(point -> {
            if ("*?[]{}\\,!-".indexOf(point) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(point);
        });
        return out.toString();
    }
}
