package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SemverBuiltinsTest {

    private static final String EXPECTED = "expected major.minor.patch[-prerelease][+build] as in semver 2.0.0";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("equal versions compare 0", "semver.compare", "['1.2.3', '1.2.3']", "0"),
                ok("minor versions compare numerically, not as text", "semver.compare", "['1.10.0', '1.9.0']", "1"),
                ok("a lower major compares -1", "semver.compare", "['1.99.99', '2.0.0']", "-1"),
                ok("a pre-release sorts before its release", "semver.compare", "['1.0.0-rc.1', '1.0.0']", "-1"),
                ok("numeric pre-release identifiers compare as numbers", "semver.compare",
                        "['1.0.0-beta.11', '1.0.0-beta.2']", "1"),
                ok("numeric identifiers sort before alphanumeric ones", "semver.compare",
                        "['1.0.0-1', '1.0.0-alpha']", "-1"),
                ok("a longer pre-release with an equal prefix sorts later", "semver.compare",
                        "['1.0.0-alpha.1', '1.0.0-alpha']", "1"),
                ok("alphanumeric identifiers compare in ASCII order", "semver.compare",
                        "['1.0.0-Beta', '1.0.0-alpha']", "-1"),
                ok("build metadata is ignored", "semver.compare", "['1.0.0+build.5', '1.0.0+other']", "0"),
                ok("huge version numbers compare exactly", "semver.compare",
                        "['1.0.99999999999999999999', '1.0.99999999999999999998']", "1"),
                error("a 'v' prefix is refused", "semver.compare", "['v1.0.0', '1.0.0']",
                        "semver.compare: invalid semantic version \"v1.0.0\", " + EXPECTED),
                error("leading zeros are refused", "semver.compare", "['1.02.0', '1.0.0']",
                        "semver.compare: invalid semantic version \"1.02.0\", " + EXPECTED),
                error("a numeric pre-release identifier with a leading zero is refused", "semver.compare",
                        "['1.0.0-01', '1.0.0']", "semver.compare: invalid semantic version \"1.0.0-01\", " + EXPECTED),
                error("two parts are refused", "semver.compare", "['1.0.0', '1.0']",
                        "semver.compare: invalid semantic version \"1.0\", " + EXPECTED),
                error("an empty pre-release identifier is refused", "semver.compare", "['1.0.0-a..b', '1.0.0']",
                        "semver.compare: invalid semantic version \"1.0.0-a..b\", " + EXPECTED),
                error("a number is not a version", "semver.compare", "[1, '1.0.0']",
                        "semver.compare: argument 1 must be a string, given number 1"),
                ok("is_valid holds for a full version", "semver.is_valid", "['1.0.0-alpha.1+sha.5114f85']", "true"),
                ok("is_valid is false with a leading zero", "semver.is_valid", "['01.0.0']", "false"),
                ok("is_valid is false with a 'v' prefix", "semver.is_valid", "['v1.0.0']", "false"),
                ok("hyphens are allowed inside pre-release identifiers", "semver.is_valid", "['1.0.0-alpha-1']", "true"),
                ok("build identifiers may have leading zeros", "semver.is_valid", "['1.0.0-rc.1+001']", "true"),
                ok("an empty pre-release is invalid", "semver.is_valid", "['1.0.0-']", "false"),
                ok("empty build metadata is invalid", "semver.is_valid", "['1.0.0+']", "false"),
                ok("an empty core part is invalid", "semver.is_valid", "['1..0']", "false"),
                ok("non-ASCII letters are invalid", "semver.is_valid", "['1.0.0-é']", "false"),
                ok("non-ASCII digits are invalid", "semver.is_valid", "['١.0.0']", "false"),
                ok("is_valid is false for a trailing newline", "semver.is_valid", "['1.0.0\\n']", "false"),
                error("is_valid refuses a number rather than answering", "semver.is_valid", "[1]",
                        "semver.is_valid: argument 1 must be a string, given number 1"),
                compiles("a literal valid version compiles", "semver.compare", "['$input', '2.0.0']"),
                rejected("a literal invalid version is a compile error", "semver.compare", "['$input', '2.0']",
                        "semver.compare: invalid semantic version \"2.0\", " + EXPECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
