package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import java.math.BigInteger;
import java.util.List;

/**
 * Strict Semantic Versioning 2.0.0: no "v" prefix, no leading zeros in numeric parts, precedence by the standard's
 * rules (a pre-release sorts before its release; numeric identifiers compare as numbers and sort before
 * alphanumeric ones; build metadata is ignored).
 */
final class SemverBuiltins {

    private static final int LENGTH_LIMIT = 256;
    private static final Param VERSION = Param.STRING.checkedBy(text -> parse(((Value.Str) text).value()));

    /** A parsed version; {@code prerelease} is empty for a release. */
    record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> prerelease)
            implements Comparable<Version> {

        @Override
        public int compareTo(Version other) {
            int byCore = compareCore(other);
            if (byCore != 0 || prerelease.equals(other.prerelease)) {
                return byCore;
            }
            if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
                return prerelease.isEmpty() ? 1 : -1;
            }
            return comparePrerelease(prerelease, other.prerelease);
        }

        private int compareCore(Version other) {
            int byMajor = major.compareTo(other.major);
            int byMinor = minor.compareTo(other.minor);
            return byMajor != 0 ? byMajor : byMinor != 0 ? byMinor : patch.compareTo(other.patch);
        }
    }

    private SemverBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("semver.compare", args -> Value.Num.of(Integer.signum(parse(Args.string(args, 0))
                        .compareTo(parse(Args.string(args, 1))))), VERSION, VERSION),
                of("semver.is_valid", args -> Value.Bool.of(isValid(Args.string(args, 0))), Param.STRING));
    }

    /** Parses by hand: versions are compared on hot paths, and a regex with groups costs many times more. */
    static Version parse(String text) throws BuiltinException {
        if (text.length() > LENGTH_LIMIT) {
            throw invalid(text);
        }
        int plus = text.indexOf('+');
        String withoutBuild = plus < 0 ? text : text.substring(0, plus);
        int dash = withoutBuild.indexOf('-');
        List<String> numbers = parts(dash < 0 ? withoutBuild : withoutBuild.substring(0, dash));
        List<String> prerelease = dash < 0 ? List.of() : parts(withoutBuild.substring(dash + 1));
        List<String> build = plus < 0 ? List.of() : parts(text.substring(plus + 1));
        boolean valid = numbers.size() == 3 && numbers.stream().allMatch(SemverBuiltins::isNumber)
                && prerelease.stream().allMatch(SemverBuiltins::isPrereleaseIdentifier)
                && build.stream().allMatch(SemverBuiltins::isIdentifier);
        if (!valid) {
            throw invalid(text);
        }
        return new Version(new BigInteger(numbers.get(0)), new BigInteger(numbers.get(1)),
                new BigInteger(numbers.get(2)), prerelease);
    }

    private static List<String> parts(String text) {
        return List.of(text.split("\\.", -1));
    }

    private static BuiltinException invalid(String text) {
        return new BuiltinException("invalid semantic version " + Args.quote(text)
                + ", expected major.minor.patch[-prerelease][+build] as in semver 2.0.0");
    }

    /** An identifier; when it is all digits, a number without a leading zero. */
    private static boolean isPrereleaseIdentifier(String text) {
        return isIdentifier(text) && (!isDigits(text) || isNumber(text));
    }

    /** Digits without a leading zero. */
    private static boolean isNumber(String text) {
        return isDigits(text) && (text.length() == 1 || text.charAt(0) != '0');
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A non-empty run of ASCII letters, digits and hyphens. */
    private static boolean isIdentifier(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || c == '-');
    }

    private static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BuiltinException invalid) {
            return false;
        }
    }

    private static int comparePrerelease(List<String> left, List<String> right) {
        for (int index = 0; index < Math.min(left.size(), right.size()); index++) {
            int byIdentifier = compareIdentifier(left.get(index), right.get(index));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = isDigits(left);
        boolean rightNumeric = isDigits(right);
        if (leftNumeric && rightNumeric) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }
}
