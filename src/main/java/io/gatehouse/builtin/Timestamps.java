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
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Points in time as the time builtins take them: exact nanoseconds since the Unix epoch, or RFC 3339 text with a
 * mandatory offset ("Z" or "+hh:mm"). Years 0001 to 9999 only, so every result prints again as RFC 3339.
 */
final class Timestamps {

    private static final Pattern RFC_3339 = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
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

    static Instant parse(String text) throws BuiltinException {
        Matcher matcher = RFC_3339.matcher(text);
        if (!matcher.matches()) {
            throw new BuiltinException("invalid rfc 3339 timestamp " + Args.quote(text)
                    + ", expected yyyy-mm-ddThh:mm:ss[.fraction] with 'Z' or a +hh:mm offset");
        }
        try {
            return inRange(OffsetDateTime.of(date(matcher), time(matcher), offset(matcher.group(8))).toInstant());
        } catch (DateTimeException outOfRange) {
            throw new BuiltinException("invalid rfc 3339 timestamp " + Args.quote(text) + ": "
                    + outOfRange.getMessage().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static LocalDate date(Matcher matcher) {
        return LocalDate.of(group(matcher, 1), group(matcher, 2), group(matcher, 3));
    }

    private static LocalTime time(Matcher matcher) {
        String fraction = matcher.group(7) == null ? "" : matcher.group(7).substring(1);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        return LocalTime.of(group(matcher, 4), group(matcher, 5), group(matcher, 6), nanos);
    }

    private static ZoneOffset offset(String text) {
        if (text.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        int hours = Integer.parseInt(text.substring(1, 3));
        int minutes = Integer.parseInt(text.substring(4, 6));
        if (minutes > 59) {
            throw new DateTimeException("offset minutes out of range: " + minutes);
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static int group(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
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
