package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Points in time as the time builtins take them: exact nanoseconds since the Unix epoch, or RFC 3339 text with a
 * mandatory offset ("Z" or "+hh:mm"). Years 0001 to 9999 only, so every result prints again as RFC 3339.
 */
final class Timestamps {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};
    /** The fixed part, yyyy-mm-ddThh:mm:ss: 'd' is an ASCII digit, 'T' either case of T, anything else itself. */
    private static final String LAYOUT = "dddd-dd-ddTdd:dd:dd";

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {
    }

    /** The instant a time argument stands for, given as nanoseconds or RFC 3339 text. */
    static Instant instant(Value value, String what) throws BuiltinException {
        if (value instanceof Value.Str text) {
            return parse(text.value());
        }
        return fromNanos(((Value.Num) value).value(), what);
    }

    /**
     * Parses RFC 3339 by hand at fixed positions: this runs on every decision that looks at the request time, and a
     * regex with groups costs many times more.
     */
    static Instant parse(String text) throws BuiltinException {
        int fractionEnd = text.length() >= 20 && text.charAt(19) == '.' ? skipDigits(text, 20) : 19;
        int fractionDigits = fractionEnd == 19 ? 0 : fractionEnd - 20;
        if (!layoutMatches(text) || fractionEnd == 20 || fractionDigits > 9 || !offsetMatches(text, fractionEnd)) {
            throw new BuiltinException("invalid rfc 3339 timestamp " + Args.quote(text)
                    + ", expected yyyy-mm-ddThh:mm:ss[.fraction] with 'Z' or a +hh:mm offset");
        }
        try {
            LocalDate date = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
            LocalTime time = LocalTime.of(digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19),
                    fractionDigits == 0 ? 0 : digits(text, 20, fractionEnd) * POWERS_OF_TEN[9 - fractionDigits]);
            return inRange(OffsetDateTime.of(date, time, offset(text.substring(fractionEnd))).toInstant());
        } catch (DateTimeException outOfRange) {
            throw new BuiltinException("invalid rfc 3339 timestamp " + Args.quote(text) + ": "
                    + outOfRange.getMessage().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static boolean layoutMatches(String text) {
        if (text.length() < LAYOUT.length() + 1) {
            return false;
        }
        for (int index = 0; index < LAYOUT.length(); index++) {
            char want = LAYOUT.charAt(index);
            char given = text.charAt(index);
            boolean ok = want == 'd' ? isDigit(given) : want == 'T' ? given == 'T' || given == 't' : given == want;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean offsetMatches(String text, int start) {
        String offset = text.substring(start);
        if (offset.equals("Z") || offset.equals("z")) {
            return true;
        }
        boolean signed = !offset.isEmpty() && (offset.charAt(0) == '+' || offset.charAt(0) == '-');
        return signed && offset.length() == 6 && isDigit(offset.charAt(1)) && isDigit(offset.charAt(2))
                && offset.charAt(3) == ':' && isDigit(offset.charAt(4)) && isDigit(offset.charAt(5));
    }

    private static int skipDigits(String text, int index) {
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The ASCII digits from start to end (at most 9) as a number; the layout check guarantees they are digits. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int index = start; index < end; index++) {
            value = value * 10 + (text.charAt(index) - '0');
        }
        return value;
    }

    private static ZoneOffset offset(String text) {
        if (text.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        int hours = digits(text, 1, 3);
        int minutes = digits(text, 4, 6);
        if (minutes > 59) {
            throw new DateTimeException("offset minutes out of range: " + minutes);
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    static Instant fromNanos(BigDecimal nanos, String what) throws BuiltinException {
        if (nanos.signum() != 0 && nanos.stripTrailingZeros().scale() > 0) {
            throw new BuiltinException(what + " must be a whole number of nanoseconds, given number "
                    + ValueText.number(nanos));
        }
        if (nanos.precision() - nanos.scale() > 30) {
            throw outOfRange(what);
        }
        BigInteger[] split = nanos.toBigInteger().divideAndRemainder(NANOS_PER_SECOND);
        BigInteger seconds = split[1].signum() < 0 ? split[0].subtract(BigInteger.ONE) : split[0];
        BigInteger rest = split[1].signum() < 0 ? split[1].add(NANOS_PER_SECOND) : split[1];
        if (seconds.bitLength() > 62) {
            throw outOfRange(what);
        }
        try {
            return inRange(Instant.ofEpochSecond(seconds.longValueExact(), rest.longValueExact()));
        } catch (BuiltinException | ArithmeticException | DateTimeException outside) {
            throw outOfRange(what);
        }
    }

    private static Instant inRange(Instant instant) throws BuiltinException {
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new BuiltinException("time out of range, expected years 0001 to 9999");
        }
        return instant;
    }

    private static BuiltinException outOfRange(String what) {
        return new BuiltinException(what + " is out of range, expected a time in years 0001 to 9999");
    }

    static Value.Num nanos(Instant instant) {
        BigInteger seconds = BigInteger.valueOf(instant.getEpochSecond());
        return new Value.Num(new BigDecimal(seconds.multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(
                instant.getNano()))));
    }

    static Value.Num nanos(OffsetDateTime time) throws BuiltinException {
        return nanos(inRange(time.toInstant()));
    }
}
