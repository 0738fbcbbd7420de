package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GlobBuiltinsTest {

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("* matches within one segment", "glob.match", "['*.example.com', ['.'], 'api.example.com']",
                        "true"),
                ok("* does not cross a delimiter", "glob.match", "['*.example.com', ['.'], 'a.b.example.com']",
                        "false"),
                ok("** crosses delimiters", "glob.match", "['**.example.com', ['.'], 'a.b.example.com']", "true"),
                ok("without delimiters * crosses everything", "glob.match", "['*.example.com', [], 'a.b.example.com']",
                        "true"),
                ok("several delimiters all stop *", "glob.match", "['repo:*', [':', '/'], 'repo:team/app']",
                        "false"),
                ok("the match is of the whole text", "glob.match", "['api', ['.'], 'api.example.com']", "false"),
                ok("? matches one character", "glob.match", "['v?', ['.'], 'v1']", "true"),
                ok("? does not match a delimiter", "glob.match", "['a?b', ['.'], 'a.b']", "false"),
                ok("? matches one code point, not one UTF-16 unit", "glob.match", "['?', [], '😀']", "true"),
                ok("a character class matches a member", "glob.match", "['v[12]', [], 'v2']", "true"),
                ok("a range matches", "glob.match", "['[a-c]x', [], 'bx']", "true"),
                ok("a negated class excludes its members", "glob.match", "['[!a]x', [], 'ax']", "false"),
                ok("a negated class matches others", "glob.match", "['[!a]x', [], 'bx']", "true"),
                ok("alternatives match one of them", "glob.match", "['{prod,staging}-*', ['-'], 'staging-db']",
                        "true"),
                ok("alternatives refuse others", "glob.match", "['{prod,staging}-*', ['-'], 'dev-db']", "false"),
                ok("alternatives may hold wildcards", "glob.match", "['{*.pol,*.yaml}', ['/'], 'a.yaml']", "true"),
                ok("regex metacharacters are literal", "glob.match", "['a+b(c)', [], 'a+b(c)']", "true"),
                ok("a dot is literal, not any character", "glob.match", "['a.b', [], 'axb']", "false"),
                ok("a backslash escapes a wildcard", "glob.match", "['a\\\\*', [], 'a*']", "true"),
                ok("an escaped wildcard is not a wildcard", "glob.match", "['a\\\\*', [], 'ab']", "false"),
                ok("* matches across newlines when no delimiter forbids it", "glob.match", "['a*b', [], 'a\\nb']",
                        "true"),
                error("an unclosed class is an error", "glob.match", "['[ab', [], 'a']",
                        "glob.match: invalid glob pattern \"[ab\": unclosed '['"),
                error("an unclosed alternative is an error", "glob.match", "['{a,b', [], 'a']",
                        "glob.match: invalid glob pattern \"{a,b\": unclosed '{'"),
                error("a stray closing brace is an error", "glob.match", "['a}', [], 'a']",
                        "glob.match: invalid glob pattern \"a}\": '}' without '{'"),
                error("a trailing backslash is an error", "glob.match", "['a\\\\', [], 'a']",
                        "glob.match: invalid glob pattern \"a\\\\\": trailing backslash"),
                error("a reversed range is an error", "glob.match", "['[z-a]', [], 'a']",
                        "glob.match: invalid glob pattern \"[z-a]\": range out of order in character class"),
                error("an empty class is an error", "glob.match", "['[]', [], 'a']",
                        "glob.match: invalid glob pattern \"[]\": empty character class"),
                error("delimiters must be single characters", "glob.match", "['*', ['::'], 'a']",
                        "glob.match: argument 2 must hold single-character strings, given string \"::\""),
                error("delimiters must be strings", "glob.match", "['*', [1], 'a']",
                        "glob.match: argument 2 must hold single-character strings, given number 1"),
                error("null delimiters are refused: they are explicit", "glob.match", "['*', null, 'a']",
                        "glob.match: argument 2 must be an array, given null"),
                error("the text must be a string", "glob.match", "['*', [], 5]",
                        "glob.match: argument 3 must be a string, given number 5"),
                ok("quote_meta escapes glob metacharacters", "glob.quote_meta", "['*.a{b}']", "'\\\\*.a\\\\{b\\\\}'"),
                compiles("a literal valid glob compiles", "glob.match", "['*.example.com', ['.'], '$input']"),
                rejected("a literal invalid glob is a compile error", "glob.match", "['{a', '$input', '$input']",
                        "glob.match: invalid glob pattern \"{a\": unclosed '{'"),
                rejected("literal bad delimiters are a compile error", "glob.match", "['*', [''], '$input']",
                        "glob.match: argument 2 must hold single-character strings, given string \"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
