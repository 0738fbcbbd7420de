package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.value.Values;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StringBuiltinsTest {

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("concat joins with the delimiter", "concat", "['/', ['a', 'b', 'c']]", "'a/b/c'"),
                ok("concat of a set joins in order", "concat", "[', ', {'$set': ['b', 'a']}]", "'a, b'"),
                ok("concat of nothing is empty", "concat", "['-', []]", "''"),
                error("concat refuses a number member", "concat", "['-', ['a', 1]]",
                        "concat: argument 2 must hold only strings, given number 1"),
                ok("contains finds a substring", "contains", "['payments', 'men']", "true"),
                ok("contains of the empty string always holds", "contains", "['x', '']", "true"),
                error("contains refuses a null text", "contains", "[null, 'a']",
                        "contains: argument 1 must be a string, given null"),
                ok("startswith holds for a prefix", "startswith", "['spiffe://prod/x', 'spiffe://prod/']", "true"),
                ok("startswith is case-sensitive", "startswith", "['Spiffe://', 'spiffe']", "false"),
                error("startswith refuses an array", "startswith", "[['a'], 'a']",
                        "startswith: argument 1 must be a string, given array [\"a\"]"),
                ok("endswith holds for a suffix", "endswith", "['report.pdf', '.pdf']", "true"),
                error("endswith refuses a number suffix", "endswith", "['a', 1]",
                        "endswith: argument 2 must be a string, given number 1"),
                ok("lower maps ASCII", "lower", "['TITLE']", "'title'"),
                ok("lower maps non-ASCII letters", "lower", "['ÄÖ']", "'äö'"),
                ok("upper maps ASCII", "upper", "['i']", "'I'"),
                error("upper refuses a boolean", "upper", "[true]",
                        "upper: argument 1 must be a string, given boolean true"),
                ok("split at every delimiter", "split", "['a,b,,c', ',']", "['a', 'b', '', 'c']"),
                ok("split without a delimiter present gives the whole text", "split", "['abc', ';']", "['abc']"),
                ok("split with the empty delimiter gives code points", "split", "['a😀', '']", "['a', '😀']"),
                ok("split treats the delimiter literally, not as a regex", "split", "['a.b', '.']", "['a', 'b']"),
                ok("trim cuts characters of the cutset at both ends", "trim", "['xxhixyx', 'xy']", "'hi'"),
                ok("trim_left cuts at the start only", "trim_left", "['xxhix', 'x']", "'hix'"),
                ok("trim_right cuts at the end only", "trim_right", "['xxhix', 'x']", "'xxhi'"),
                ok("trim_space cuts Unicode white space", "trim_space", "['\\u00a0\\t hi \\n']", "'hi'"),
                ok("trim_prefix removes one prefix", "trim_prefix", "['prefix-prefix-x', 'prefix-']", "'prefix-x'"),
                ok("trim_prefix leaves text without the prefix", "trim_prefix", "['abc', 'x']", "'abc'"),
                ok("trim_suffix removes one suffix", "trim_suffix", "['a.pol.pol', '.pol']", "'a.pol'"),
                ok("replace replaces every occurrence", "replace", "['a-b-c', '-', '+']", "'a+b+c'"),
                ok("replace treats the pattern literally", "replace", "['a.b', '.', '$1']", "'a$1b'"),
                ok("replace of the empty string surrounds every code point", "replace", "['ab', '', '.']",
                        "'.a.b.'"),
                ok("substring counts code points", "substring", "['😀abc', 1, 2]", "'ab'"),
                ok("substring with a negative length runs to the end", "substring", "['abcdef', 2, -1]", "'cdef'"),
                ok("substring past the end is empty", "substring", "['abc', 5, 1]", "''"),
                ok("substring longer than the rest stops at the end", "substring", "['abc', 1, 99]", "'bc'"),
                error("substring refuses a negative start", "substring", "['abc', -1, 1]",
                        "substring: argument 2 must not be negative, given number -1"),
                error("substring refuses a fractional length", "substring", "['abc', 0, 1.5]",
                        "substring: argument 3 must be an integer within 32 bits, given number 1.5"),
                ok("indexof counts code points", "indexof", "['😀ab', 'b']", "2"),
                ok("indexof gives -1 when absent", "indexof", "['abc', 'x']", "-1"),
                ok("strings.reverse keeps surrogate pairs whole", "strings.reverse", "['a😀b']", "'b😀a'"),
                ok("format_int in base 16", "format_int", "[255, 16]", "'ff'"),
                ok("format_int in base 2", "format_int", "[5, 2]", "'101'"),
                ok("format_int truncates toward zero", "format_int", "[-7.9, 10]", "'-7'"),
                ok("format_int keeps big integers exact", "format_int", "[12345678901234567890123, 10]",
                        "'12345678901234567890123'"),
                error("format_int refuses base 3", "format_int", "[5, 3]",
                        "format_int: argument 2 must be one of 2, 8, 10 or 16, given number 3"),
                error("format_int refuses a string", "format_int", "['5', 10]",
                        "format_int: argument 1 must be a number, given string \"5\""),
                ok("sprintf %v prints a number exactly", "sprintf", "['amount %v', [10001]]", "'amount 10001'"),
                ok("sprintf %v prints a decimal without trailing zeros", "sprintf", "['%v', [1.50]]", "'1.5'"),
                ok("sprintf %v prints a string raw", "sprintf", "['%v!', ['hi']]", "'hi!'"),
                ok("sprintf %v prints an array canonically", "sprintf", "['%v', [[1, 'a', null]]]",
                        "'[1, \"a\", null]'"),
                ok("sprintf %v prints an object with sorted keys", "sprintf", "['%v', [{'b': true, 'a': 1}]]",
                        "'{\"a\": 1, \"b\": true}'"),
                ok("sprintf %v prints a set", "sprintf", "['%v', [{'$set': [2, 1]}]]", "'{1, 2}'"),
                ok("sprintf %v prints the empty set", "sprintf", "['%v', [{'$set': []}]]", "'set()'"),
                ok("sprintf %s is %v", "sprintf", "['%s=%s', ['k', 1]]", "'k=1'"),
                ok("sprintf %d prints an integer exactly", "sprintf", "['%d', [12345678901234567890123]]",
                        "'12345678901234567890123'"),
                ok("sprintf %d accepts 2.0 as an integer", "sprintf", "['%d', [2.0]]", "'2'"),
                ok("sprintf %05d pads with zeros after the sign", "sprintf", "['%05d', [-42]]", "'-0042'"),
                ok("sprintf %-4d pads on the right", "sprintf", "['[%-4d]', [7]]", "'[7   ]'"),
                ok("sprintf %+d shows the sign", "sprintf", "['%+d', [7]]", "'+7'"),
                ok("sprintf %q quotes a string", "sprintf", "['%q', ['a\"b']]", "'\"a\\\\\"b\"'"),
                ok("sprintf %x prints an integer in hex", "sprintf", "['%x', [255]]", "'ff'"),
                ok("sprintf %X prints uppercase hex", "sprintf", "['%X', [255]]", "'FF'"),
                ok("sprintf %x of a string prints its UTF-8 bytes", "sprintf", "['%x', ['hi']]", "'6869'"),
                ok("sprintf %f has precision 6 by default", "sprintf", "['%f', [1.5]]", "'1.500000'"),
                ok("sprintf %.2f rounds half to even, exactly", "sprintf", "['%.2f', [2.675]]", "'2.68'"),
                ok("sprintf %.2f of 2.665 rounds to even", "sprintf", "['%.2f', [2.665]]", "'2.66'"),
                ok("sprintf %.1s truncates a string", "sprintf", "['%.1s', ['abc']]", "'a'"),
                ok("sprintf %t prints a boolean", "sprintf", "['%t', [false]]", "'false'"),
                ok("sprintf %% is a literal percent", "sprintf", "['100%%', []]", "'100%'"),
                ok("sprintf mixes verbs, as in the docs", "sprintf", "['amount %v is above %05.1f', [10001, 2.5]]",
                        "'amount 10001 is above 002.5'"),
                ok("sprintf %5s pads on the left", "sprintf", "['%5s', ['ab']]", "'   ab'"),
                error("sprintf refuses a missing argument", "sprintf", "['%v and %v', [1]]",
                        "sprintf: format \"%v and %v\" has 2 verbs, given 1 argument"),
                error("sprintf refuses an extra argument", "sprintf", "['%v', [1, 2]]",
                        "sprintf: format \"%v\" has 1 verb, given 2 arguments"),
                error("sprintf refuses an unknown verb", "sprintf", "['%y', [1]]",
                        "sprintf: invalid format \"%y\": expected a verb (one of %v %s %d %f %x %X %q %t %%) at "
                                + "offset 1, given \"y\""),
                error("sprintf refuses a dangling percent", "sprintf", "['50%', []]",
                        "sprintf: invalid format \"50%\": expected a verb (one of %v %s %d %f %x %X %q %t %%) at "
                                + "offset 3, given the end of the format"),
                error("sprintf %d refuses a fraction", "sprintf", "['%d', [1.5]]",
                        "sprintf: %d needs an integer, given number 1.5"),
                error("sprintf %d refuses a string", "sprintf", "['%d', ['1']]",
                        "sprintf: %d needs a number, given string \"1\""),
                error("sprintf %q refuses a number", "sprintf", "['%q', [1]]",
                        "sprintf: %q needs a string, given number 1"),
                error("sprintf %t refuses a string", "sprintf", "['%t', ['true']]",
                        "sprintf: %t needs a boolean, given string \"true\""),
                error("sprintf refuses huge widths", "sprintf", "['%99999d', [1]]",
                        "sprintf: invalid format \"%99999d\": width and precision must be at most 1000"),
                error("sprintf %d refuses numbers too long to print", "sprintf", "['%d', [1e2000]]",
                        "sprintf: %d cannot print a number with more than 1000 digits"),
                ok("sprintf %v prints a huge number in scientific notation", "sprintf", "['%v', [1e2000]]",
                        "'1E+2000'"),
                error("sprintf needs an array of arguments", "sprintf", "['%v', 1]",
                        "sprintf: argument 2 must be an array, given number 1"),
                compiles("a literal format with known verbs compiles", "sprintf", "['%v %d', '$input']"),
                rejected("a literal format with an unknown verb is a compile error", "sprintf",
                        "['%z', '$input']", "sprintf: invalid format \"%z\": expected a verb (one of %v %s %d %f "
                                + "%x %X %q %t %%) at offset 1, given \"z\""),
                rejected("a call whose arguments are all literal is run at compile time", "sprintf",
                        "['%v and %v', [1]]", "sprintf: format \"%v and %v\" has 2 verbs, given 1 argument"),
                compiles("a literal call that succeeds compiles", "sprintf", "['%v', [1]]"),
                rejected("a literal argument of the wrong type is a compile error", "lower", "[1]",
                        "lower: argument 1 must be a string, given number 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }

    @Test
    @DisplayName("case functions ignore a Turkish default locale: TITLE lowers to title and i uppers to I")
    void caseFunctionsIgnoreTheHostLocale() throws BuiltinException {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat("TITLE".toLowerCase()).as("the locale really is Turkish").isEqualTo("tıtle");
            assertThat(call("lower", "TITLE")).isEqualTo(Values.string("title"));
            assertThat(call("upper", "i")).isEqualTo(Values.string("I"));
        } finally {
            Locale.setDefault(original);
        }
    }

    private static Object call(String name, String argument) throws BuiltinException {
        return Builtins.standard().get(name).apply(List.of(Values.string(argument)));
    }
}
