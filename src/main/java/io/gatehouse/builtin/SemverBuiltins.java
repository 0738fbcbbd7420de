package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import java.math.BigInteger;
import java.util.List;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Strict Semantic Versioning 2.0.0: no "v" prefix, no leading zeros in numeric parts, precedence by the standard's
 * rules (a pre-release sorts before its release; numeric identifiers compare as numbers and sort before
 * alphanumeric ones; build metadata is ignored).
 */
final class SemverBuiltins {

    private static final String NUMBER = "(0|[1-9][0-9]*)";
    private static final String IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
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

    static Version parse(String text) throws BuiltinException {
        Matcher matcher = text.length() > LENGTH_LIMIT ? null : SEMVER.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new BuiltinException("invalid semantic version " + Args.quote(text)
                    + ", expected major.minor.patch[-prerelease][+build] as in semver 2.0.0");
        }
        List<String> prerelease = matcher.group(4) == null ? List.of() : List.of(matcher.group(4).split("\\."));
        return new Version(new BigInteger(matcher.group(1)), new BigInteger(matcher.group(2)),
                new BigInteger(matcher.group(3)), prerelease);
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
        boolean leftNumeric = left.chars().allMatch(Character::isDigit);
        boolean rightNumeric = right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }
}
