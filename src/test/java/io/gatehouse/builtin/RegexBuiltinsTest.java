package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegexBuiltinsTest {

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("an unanchored pattern searches", "regex.match", "['b+', 'abbbc']", "true"),
                ok("an anchored pattern must match the whole text", "regex.match", "['^b+$', 'abbbc']", "false"),
                ok("$ means the end of the text, not before a final newline", "regex.match", "['^a$', 'a\\n']",
                        "false"),
                ok("(?m) makes $ match at line ends", "regex.match", "['(?m)^a$', 'a\\nb']", "true"),
                ok(". does not match a newline by default", "regex.match", "['^a.b$', 'a\\nb']", "false"),
                ok("(?i) ignores case", "regex.match", "['(?i)^admin$', 'ADMIN']", "true"),
                ok("character classes work on code points", "regex.match", "['^.$', '😀']", "true"),
                error("an invalid pattern is an error", "regex.match", "['(', 'x']",
                        "regex.match: invalid regular expression \"(\": missing closing )"),
                error("backreferences are not RE2 and are refused", "regex.match", "['(a)\\\\1', 'aa']",
                        "regex.match: invalid regular expression \"(a)\\\\1\": invalid escape sequence"),
                error("lookahead is not RE2 and is refused", "regex.match", "['a(?=b)', 'ab']",
                        "regex.match: invalid regular expression \"a(?=b)\": invalid or unsupported perl syntax"),
                error("the text must be a string", "regex.match", "['a', 1]",
                        "regex.match: argument 2 must be a string, given number 1"),
                ok("find_n finds all with -1", "regex.find_n", "['[0-9]+', 'a1b22c333', -1]", "['1', '22', '333']"),
                ok("find_n stops at n", "regex.find_n", "['[0-9]+', 'a1b22c333', 2]", "['1', '22']"),
                ok("find_n with 0 finds nothing", "regex.find_n", "['a', 'aaa', 0]", "[]"),
                ok("find_n skips an empty match right after a match, as Go", "regex.find_n", "['a*', 'baaac', -1]",
                        "['', 'aaa', '']"),
                error("find_n refuses n below -1", "regex.find_n", "['a', 'a', -2]",
                        "regex.find_n: argument 3 must be -1 or a count, given number -2"),
                error("find_n refuses a fractional n", "regex.find_n", "['a', 'a', 1.5]",
                        "regex.find_n: argument 3 must be an integer within 32 bits, given number 1.5"),
                ok("replace replaces every match", "regex.replace", "['a1b2', '[0-9]', '#']", "'a#b#'"),
                ok("replace expands group references", "regex.replace", "['john smith', '(\\\\w+) (\\\\w+)', '$2 $1']",
                        "'smith john'"),
                error("replace refuses a reference to a missing group", "regex.replace", "['ab', 'a', '$3']",
                        "regex.replace: invalid replacement \"$3\": n > number of groups: 3"),
                error("replace refuses an invalid pattern", "regex.replace", "['ab', '[', 'x']",
                        "regex.replace: invalid regular expression \"[\": missing closing ]"),
                ok("split around matches", "regex.split", "[',\\\\s*', 'a, b,c']", "['a', 'b', 'c']"),
                ok("split keeps empty fields", "regex.split", "[',', 'a,,b,']", "['a', '', 'b', '']"),
                error("split refuses an invalid pattern", "regex.split", "['a**', 'x']",
                        "regex.split: invalid regular expression \"a**\": invalid nested repetition operator"),
                ok("split of the empty text is one empty field", "regex.split", "[',', '']", "['']"),
                ok("split without a match is the whole text", "regex.split", "[',', 'abc']", "['abc']"),
                ok("is_valid holds for a valid pattern", "regex.is_valid", "['^[a-z]+$']", "true"),
                ok("is_valid is false for an invalid pattern", "regex.is_valid", "['(']", "false"),
                ok("is_valid is false for a backtracking-only construct", "regex.is_valid", "['(?<=a)b']", "false"),
                error("is_valid refuses a number rather than answering", "regex.is_valid", "[1]",
                        "regex.is_valid: argument 1 must be a string, given number 1"),
                compiles("a literal valid pattern compiles", "regex.match", "['^a+$', '$input']"),
                rejected("a literal invalid pattern is a compile error", "regex.match", "['(', '$input']",
                        "regex.match: invalid regular expression \"(\": missing closing )"),
                rejected("a literal invalid pattern in replace is a compile error", "regex.replace",
                        "['$input', '*', 'x']",
                        "regex.replace: invalid regular expression \"*\": missing argument to repetition operator"),
                rejected("a literal invalid pattern in split is a compile error", "regex.split",
                        "['a{2,1}', '$input']",
                        "regex.split: invalid regular expression \"a{2,1}\": invalid repeat count"),
                compiles("is_valid takes any literal string", "regex.is_valid", "['(']"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }

    @Test
    @DisplayName("(a+)+$ against 40 a's and a '!' finishes at once: RE2 does not backtrack")
    void catastrophicPatternRunsInLinearTime() throws BuiltinException {
        Builtin match = Builtins.standard().get("regex.match");
        List<Value> args = List.of(Values.string("(a+)+$"), Values.string("a".repeat(40) + "!"));

        long started = System.nanoTime();
        Value matched = match.apply(args);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(matched).as("the text ends in '!', so no run of a's reaches the end").isEqualTo(Value.Bool.FALSE);
        // a backtracking engine needs about 2^40 steps here; the bound is only a sanity guard
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("(x+x+)+y against 40 x's, the classic exponential case, finishes at once")
    void catastrophicPatternWithoutMatchRunsInLinearTime() throws BuiltinException {
        Builtin match = Builtins.standard().get("regex.match");
        List<Value> args = List.of(Values.string("(x+x+)+y"), Values.string("x".repeat(40)));

        long started = System.nanoTime();
        Value matched = match.apply(args);

        assertThat(matched).isEqualTo(Value.Bool.FALSE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a pattern longer than the limit is refused before compiling")
    void overlongPatternIsRefused() {
        Builtin match = Builtins.standard().get("regex.match");
        List<Value> args = List.of(Values.string("a".repeat(5000)), Values.string("a"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> match.apply(args))
                .hasMessage("regex.match: regular expression is too long: 5000 characters, expected at most 4096");
    }
}
