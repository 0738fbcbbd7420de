package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;

/**
 * Time arithmetic on values taken from the input, never the clock. Every function works in UTC. A time argument is
 * either nanoseconds since the epoch or RFC 3339 text with an offset (see {@link Timestamps}).
 */
final class TimeBuiltins {

    private static final Pattern CLOCK_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Param CLOCK = Param.STRING.checkedBy(text -> minuteOfDay(((Value.Str) text).value()));
    private static final Param RFC_3339 = Param.STRING.checkedBy(text -> Timestamps.parse(((Value.Str) text).value()));
    private static final Param TIME = Param.TIME.checkedBy(time -> Timestamps.instant(time, "argument"));

    private TimeBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("time.parse_rfc3339_ns", args -> Timestamps.nanos(Timestamps.parse(Args.string(args, 0))),
                        RFC_3339),
                of("time.format", args -> Values.string(format(utc(args, 0))), TIME),
                of("time.add_date", TimeBuiltins::addDate, TIME, Param.NUMBER, Param.NUMBER, Param.NUMBER),
                of("time.diff", TimeBuiltins::diff, TIME, TIME),
                of("time.weekday", args -> Values.string(weekday(utc(args, 0).getDayOfWeek())), TIME),
                of("time.clock", TimeBuiltins::clock, TIME),
                of("time.date", TimeBuiltins::date, TIME),
                of("time.before", args -> Value.Bool.of(instant(args, 0).isBefore(instant(args, 1))), TIME, TIME),
                of("time.after", args -> Value.Bool.of(instant(args, 0).isAfter(instant(args, 1))), TIME, TIME),
                of("time.between", TimeBuiltins::between, TIME, CLOCK, CLOCK));
    }

    private static Instant instant(List<Value> args, int index) throws BuiltinException {
        return Timestamps.instant(args.get(index), "argument " + (index + 1));
    }

    private static OffsetDateTime utc(List<Value> args, int index) throws BuiltinException {
        return instant(args, index).atOffset(ZoneOffset.UTC);
    }

    /** RFC 3339 in UTC with as many fraction digits as needed, as Go's RFC3339Nano. */
    private static String format(OffsetDateTime time) {
        String text = time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT));
        return text.replaceFirst("\\.?0+$", "") + "Z";
    }

    private static String weekday(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Adds years, months and days the way Go's AddDate does: the fields are added, then normalised, so January 31
     * plus one month is March 2 or 3, not the end of February.
     */
    private static Value addDate(List<Value> args) throws BuiltinException {
        OffsetDateTime time = utc(args, 0);
        long years = (long) time.getYear() + Args.integer(args, 1);
        long months = (long) time.getMonthValue() - 1 + Args.integer(args, 2);
        long days = (long) time.getDayOfMonth() - 1 + Args.integer(args, 3);
        try {
            LocalDate date = LocalDate.of(Math.toIntExact(years), 1, 1).plusMonths(months).plusDays(days);
            return Timestamps.nanos(OffsetDateTime.of(date, time.toLocalTime(), ZoneOffset.UTC));
        } catch (BuiltinException | DateTimeException | ArithmeticException outOfRange) {
            throw new BuiltinException("result is out of range, expected a time in years 0001 to 9999");
        }
    }

    /**
     * The difference between two times as [years, months, days, hours, minutes, seconds], all non-negative, whatever
     * the order of the arguments; fractions of seconds are ignored, as in OPA.
     */
    private static Value diff(List<Value> args) throws BuiltinException {
        OffsetDateTime first = utc(args, 0);
        OffsetDateTime second = utc(args, 1);
        if (first.isAfter(second)) {
            OffsetDateTime swap = first;
            first = second;
            second = swap;
        }
        int[] parts = {second.getYear() - first.getYear(), second.getMonthValue() - first.getMonthValue(),
            second.getDayOfMonth() - first.getDayOfMonth(), second.getHour() - first.getHour(),
            second.getMinute() - first.getMinute(), second.getSecond() - first.getSecond()};
        borrow(parts, first);
        return Values.array(java.util.Arrays.stream(parts).mapToObj(part -> (Value) Value.Num.of(part)).toList());
    }

    /** Carries negative fields into the next larger one; a day borrowed is a day of the earlier time's month. */
    private static void borrow(int[] parts, OffsetDateTime first) {
        int[] sizes = {0, 12, first.toLocalDate().lengthOfMonth(), 24, 60, 60};
        for (int index = parts.length - 1; index > 0; index--) {
            if (parts[index] < 0) {
                parts[index] += sizes[index];
                parts[index - 1]--;
            }
        }
    }

    private static Value clock(List<Value> args) throws BuiltinException {
        LocalTime time = utc(args, 0).toLocalTime();
        return Values.array(List.of(Value.Num.of(time.getHour()), Value.Num.of(time.getMinute()),
                Value.Num.of(time.getSecond())));
    }

    private static Value date(List<Value> args) throws BuiltinException {
        LocalDate date = utc(args, 0).toLocalDate();
        return Values.array(List.of(Value.Num.of(date.getYear()), Value.Num.of(date.getMonthValue()),
                Value.Num.of(date.getDayOfMonth())));
    }

    /**
     * Whether the UTC time of day is in the window [start, end): start included, end excluded. A start after the end
     * wraps midnight ("22:00" to "06:00"); equal bounds are refused, since an empty and a full day are both plausible
     * readings.
     */
    private static Value between(List<Value> args) throws BuiltinException {
        int start = minuteOfDay(Args.string(args, 1));
        int end = minuteOfDay(Args.string(args, 2));
        if (start == end) {
            throw new BuiltinException("the window from " + Args.quote(Args.string(args, 1)) + " to "
                    + Args.quote(Args.string(args, 2)) + " is empty, expected different start and end");
        }
        LocalTime time = utc(args, 0).toLocalTime();
        long nanos = time.toNanoOfDay();
        long startNanos = start * 60_000_000_000L;
        long endNanos = end * 60_000_000_000L;
        boolean inside = start < end ? nanos >= startNanos && nanos < endNanos
                : nanos >= startNanos || nanos < endNanos;
        return Value.Bool.of(inside);
    }

    private static int minuteOfDay(String text) throws BuiltinException {
        if (!CLOCK_TIME.matcher(text).matches()) {
            throw new BuiltinException("invalid time of day " + Args.quote(text) + ", expected \"hh:mm\" from "
                    + "\"00:00\" to \"23:59\"");
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }
}
