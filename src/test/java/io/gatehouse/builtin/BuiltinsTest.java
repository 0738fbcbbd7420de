package io.gatehouse.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The registry as a whole: names, documentation and test coverage of every builtin. */
class BuiltinsTest {

    private static final Pattern SIGNATURE = Pattern.compile("`([a-z0-9_.]+)\\(([^)]*)\\)");
    /** Builtins that accept every value of their declared kinds and so have no error row beyond the kind check. */
    private static final Set<String> TOTAL = Set.of("type_name", "is_null", "is_boolean", "is_number", "is_string",
            "is_array", "is_object", "is_set", "array.reverse", "object.keys", "json.marshal", "json.is_valid",
            "base64.is_valid", "base64.encode", "base64url.encode", "base64url.encode_no_pad", "hex.encode",
            "glob.quote_meta", "strings.reverse", "lower", "indexof", "trim", "trim_left", "trim_right",
            "trim_space", "trim_prefix", "trim_suffix", "split", "replace", "abs", "ceil", "floor", "net.ip_is_valid",
            "object.union");

    private static List<BuiltinCase> allRows() {
        return Stream.of(AggregateBuiltinsTest.cases(), StringBuiltinsTest.cases(), RegexBuiltinsTest.cases(),
                GlobBuiltinsTest.cases(), NetBuiltinsTest.cases(), TimeBuiltinsTest.cases(),
                SemverBuiltinsTest.cases(), GraphBuiltinsTest.cases(), JwtBuiltinsTest.cases(),
                EncodingBuiltinsTest.cases(), coverageRows()).flatMap(rows -> rows).toList();
    }

    /** Rows for builtins whose family tables do not need an error row of their own. */
    private static Stream<BuiltinCase> coverageRows() {
        return Stream.of(
                BuiltinCase.error("a wrong argument count is refused before the body runs", "trim", "['a']",
                        "trim: expected 2 arguments, given 1"),
                BuiltinCase.error("type_name takes one argument", "type_name", "[]",
                        "type_name: expected 1 argument, given 0"));
    }

    @Test
    @DisplayName("names are unique, sorted and the registry cannot be modified")
    void registryIsSortedAndFrozen() {
        Map<String, Builtin> standard = Builtins.standard();

        assertThat(List.copyOf(standard.keySet())).isSorted();
        standard.forEach((name, builtin) -> assertThat(builtin.name()).isEqualTo(name));
        assertThatThrownBy(() -> standard.put("x", standard.get("count")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("every builtin is documented in docs/builtins.md with its arity, and nothing else is")
    void everyBuiltinIsDocumentedWithItsArity() throws IOException {
        Map<String, Integer> documented = documentedArities();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(Builtins.standard().keySet());
        Builtins.standard().forEach((name, builtin) ->
                assertThat(documented.get(name)).as("documented arity of %s", name).isEqualTo(builtin.arity()));
    }

    @Test
    @DisplayName("every builtin has a result row, and one error row unless it accepts every value of its kinds")
    void everyBuiltinIsTested() {
        List<BuiltinCase> rows = allRows();
        Set<String> withResult = names(rows, BuiltinCase.Mode.RESULT);
        Set<String> withError = names(rows, BuiltinCase.Mode.ERROR);
        Set<String> withoutError = new TreeSet<>(Builtins.standard().keySet());
        withoutError.removeAll(withError);

        assertThat(withResult).containsAll(Builtins.standard().keySet());
        assertThat(withoutError).isSubsetOf(TOTAL);
    }

    @Test
    @DisplayName("every builtin refuses a wrong number of arguments with the same message shape")
    void everyBuiltinChecksItsArgumentCount() {
        Builtins.standard().forEach((name, builtin) -> {
            List<Value> tooMany = new ArrayList<>(Collections.nCopies(builtin.arity() + 1, Value.Null.INSTANCE));
            assertThatThrownBy(() -> builtin.apply(tooMany)).isInstanceOf(BuiltinException.class)
                    .hasMessage(name + ": expected " + Args.plural(builtin.arity(), "argument") + ", given "
                            + tooMany.size());
        });
    }

    @Test
    @DisplayName("a compile-time check with no literal arguments accepts the call")
    void compileTimeChecksIgnoreNonLiteralArguments() throws BuiltinException {
        for (Builtin builtin : Builtins.standard().values()) {
            builtin.checkConstants(new ArrayList<>(Collections.nCopies(builtin.arity(), null)));
        }
    }

    private static Set<String> names(List<BuiltinCase> rows, BuiltinCase.Mode mode) {
        return rows.stream().filter(row -> row.mode() == mode).map(BuiltinCase::name).collect(Collectors.toSet());
    }

    private static Map<String, Integer> documentedArities() throws IOException {
        Map<String, Integer> arities = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "builtins.md"))) {
            if (line.startsWith("### ")) {
                Matcher signature = SIGNATURE.matcher(line);
                while (signature.find()) {
                    String params = signature.group(2).trim();
                    arities.put(signature.group(1), params.isEmpty() ? 0 : params.split(",").length);
                }
            }
        }
        return arities;
    }
}
