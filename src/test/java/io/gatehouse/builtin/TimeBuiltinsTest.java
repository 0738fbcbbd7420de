package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TimeBuiltinsTest {

    private static final String NEW_YEAR_2024 = "1704067200000000000";
    private static final String EXPECTED_RFC_3339 =
            "expected yyyy-mm-ddThh:mm:ss[.fraction] with 'Z' or a +hh:mm offset";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("a UTC timestamp gives exact nanoseconds", "time.parse_rfc3339_ns", "['2024-01-01T00:00:00Z']",
                        NEW_YEAR_2024),
                ok("an offset is applied", "time.parse_rfc3339_ns", "['2024-01-01T08:30:00+02:00']",
                        "1704090600000000000"),
                ok("nine fraction digits are kept exactly", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00.123456789Z']", "1704067200123456789"),
                ok("lowercase t and z are allowed by RFC 3339", "time.parse_rfc3339_ns", "['2024-01-01t00:00:00z']",
                        NEW_YEAR_2024),
                ok("times before the epoch are negative", "time.parse_rfc3339_ns", "['1969-12-31T23:59:59.5Z']",
                        "-500000000"),
                error("a timestamp without an offset is an error, never the host zone", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00\", " + EXPECTED_RFC_3339),
                error("a dot without fraction digits is an error", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00.Z']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00.Z\", " + EXPECTED_RFC_3339),
                error("trailing space is an error", "time.parse_rfc3339_ns", "['2024-01-01T00:00:00Z ']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"2024-01-01T00:00:00Z \", "
                                + EXPECTED_RFC_3339),
                error("non-ASCII digits are an error", "time.parse_rfc3339_ns", "['٢٠٢٤-01-01T00:00:00Z']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"٢٠٢٤-01-01T00:00:00Z\", "
                                + EXPECTED_RFC_3339),
                error("an offset without a colon is an error", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00+0100']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00+0100\", " + EXPECTED_RFC_3339),
                error("offset minutes above 59 are an error", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00+01:60']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00+01:60\": offset minutes out of range: 60"),
                error("a date alone is an error", "time.parse_rfc3339_ns", "['2024-01-01']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"2024-01-01\", " + EXPECTED_RFC_3339),
                error("ten fraction digits are an error", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00.1234567891Z']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00.1234567891Z\", " + EXPECTED_RFC_3339),
                error("February 30 is an error", "time.parse_rfc3339_ns", "['2024-02-30T00:00:00Z']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"2024-02-30T00:00:00Z\": "
                                + "invalid date 'february 30'"),
                error("a leap second is an error", "time.parse_rfc3339_ns", "['2016-12-31T23:59:60Z']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"2016-12-31T23:59:60Z\": "
                                + "invalid value for secondofminute (valid values 0 - 59): 60"),
                error("an offset of 24 hours is an error", "time.parse_rfc3339_ns", "['2024-01-01T00:00:00+24:00']",
                        "time.parse_rfc3339_ns: invalid rfc 3339 timestamp \"2024-01-01T00:00:00+24:00\": "
                                + "zone offset hours not in valid range: value 24 is not in the range -18 to 18"),
                error("year 0000 is out of range", "time.parse_rfc3339_ns", "['0000-01-01T00:00:00Z']",
                        "time.parse_rfc3339_ns: time out of range, expected years 0001 to 9999"),
                error("a number is not a timestamp text", "time.parse_rfc3339_ns", "[1704067200]",
                        "time.parse_rfc3339_ns: argument 1 must be a string, given number 1704067200"),
                ok("format prints UTC with the needed fraction digits", "time.format", "[1704067200123000000]",
                        "'2024-01-01T00:00:00.123Z'"),
                ok("format prints whole seconds without a fraction", "time.format", "[0]", "'1970-01-01T00:00:00Z'"),
                ok("format converts an offset timestamp to UTC", "time.format", "['2024-01-01T01:00:00+01:00']",
                        "'2024-01-01T00:00:00Z'"),
                error("format refuses fractional nanoseconds", "time.format", "[1.5]",
                        "time.format: argument 1 must be a whole number of nanoseconds, given number 1.5"),
                error("format refuses a time beyond year 9999", "time.format", "[300000000000000000000]",
                        "time.format: argument 1 is out of range, expected a time in years 0001 to 9999"),
                error("format refuses astronomically large numbers cheaply", "time.format", "[1e999999]",
                        "time.format: argument 1 is out of range, expected a time in years 0001 to 9999"),
                error("format refuses a boolean", "time.format", "[true]", "time.format: argument 1 must be a number "
                        + "of nanoseconds or an rfc 3339 string, given boolean true"),
                ok("add_date adds a day", "time.add_date", "[" + NEW_YEAR_2024 + ", 0, 0, 1]",
                        "1704153600000000000"),
                ok("add_date normalises January 31 plus a month to March 2 in a leap year, as Go",
                        "time.add_date", "['2024-01-31T00:00:00Z', 0, 1, 0]", "1709337600000000000"),
                ok("add_date subtracts a year", "time.add_date", "['2024-01-01T00:00:00Z', -1, 0, 0]",
                        "1672531200000000000"),
                ok("add_date keeps the time of day", "time.add_date", "['2024-01-01T10:00:00.5Z', 0, 0, 1]",
                        "1704189600500000000"),
                error("add_date refuses fractional days", "time.add_date", "[0, 0, 0, 0.5]",
                        "time.add_date: argument 4 must be an integer within 32 bits, given number 0.5"),
                error("add_date refuses results beyond year 9999", "time.add_date", "[0, 9000, 0, 0]",
                        "time.add_date: result is out of range, expected a time in years 0001 to 9999"),
                ok("diff splits the difference into calendar fields", "time.diff",
                        "['2024-01-01T00:00:00Z', '2025-03-02T01:02:03Z']", "[1, 2, 1, 1, 2, 3]"),
                ok("diff does not depend on argument order", "time.diff",
                        "['2025-03-02T01:02:03Z', '2024-01-01T00:00:00Z']", "[1, 2, 1, 1, 2, 3]"),
                ok("diff borrows days from the earlier month", "time.diff",
                        "['2024-01-31T00:00:00Z', '2024-03-01T00:00:00Z']", "[0, 1, 1, 0, 0, 0]"),
                ok("diff borrows across midnight", "time.diff", "['2024-01-01T23:00:00Z', '2024-01-02T01:00:00Z']",
                        "[0, 0, 0, 2, 0, 0]"),
                ok("weekday names the UTC day", "time.weekday", "['2024-01-01T00:00:00Z']", "'Monday'"),
                ok("weekday uses UTC, not the offset's local day", "time.weekday", "['2024-01-01T01:00:00+02:00']",
                        "'Sunday'"),
                ok("weekday of nanoseconds", "time.weekday", "[0]", "'Thursday'"),
                error("weekday refuses a time with a fraction of a nanosecond", "time.weekday", "[0.5]",
                        "time.weekday: argument 1 must be a whole number of nanoseconds, given number 0.5"),
                error("clock refuses a timestamp without offset", "time.clock", "['2024-01-01T10:20:30']",
                        "time.clock: invalid rfc 3339 timestamp \"2024-01-01T10:20:30\", " + EXPECTED_RFC_3339),
                error("date refuses an array", "time.date", "[[2024, 1, 1]]", "time.date: argument 1 must be a "
                        + "number of nanoseconds or an rfc 3339 string, given array [2024, 1, 1]"),
                error("after refuses null", "time.after", "[null, 0]", "time.after: argument 1 must be a number of "
                        + "nanoseconds or an rfc 3339 string, given null"),
                error("diff refuses a date without time", "time.diff", "['2024-01-01', 0]",
                        "time.diff: invalid rfc 3339 timestamp \"2024-01-01\", " + EXPECTED_RFC_3339),
                ok("clock gives hour, minute, second in UTC", "time.clock", "['2024-01-01T10:20:30+01:00']",
                        "[9, 20, 30]"),
                ok("date gives year, month, day in UTC", "time.date", "['2024-01-01T01:00:00+02:00']",
                        "[2023, 12, 31]"),
                ok("before compares instants, not text", "time.before",
                        "['2024-01-01T01:00:00+02:00', '2024-01-01T00:00:00Z']", "true"),
                ok("after of equal instants is false", "time.after", "['2024-01-01T00:00:00Z', " + NEW_YEAR_2024 + "]",
                        "false"),
                error("before refuses a timestamp without offset", "time.before",
                        "['2024-01-01T00:00:00', '2024-01-01T00:00:00Z']", "time.before: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00\", " + EXPECTED_RFC_3339),
                ok("between includes the start", "time.between", "['2024-01-01T08:00:00Z', '08:00', '18:00']",
                        "true"),
                ok("between excludes the end", "time.between", "['2024-01-01T18:00:00Z', '08:00', '18:00']",
                        "false"),
                ok("between includes the last nanosecond before the end", "time.between",
                        "['2024-01-01T17:59:59.999999999Z', '08:00', '18:00']", "true"),
                ok("between works in UTC: 09:00+02:00 is 07:00 UTC", "time.between",
                        "['2024-01-01T09:00:00+02:00', '08:00', '18:00']", "false"),
                ok("a window may wrap midnight: late evening is inside", "time.between",
                        "['2024-01-01T23:30:00Z', '22:00', '06:00']", "true"),
                ok("a wrapping window: early morning is inside", "time.between",
                        "['2024-01-01T05:59:00Z', '22:00', '06:00']", "true"),
                ok("a wrapping window: noon is outside", "time.between", "['2024-01-01T12:00:00Z', '22:00', '06:00']",
                        "false"),
                ok("a window may end at midnight", "time.between", "['2024-01-01T23:59:00Z', '20:00', '00:00']",
                        "true"),
                error("equal bounds are refused", "time.between", "['2024-01-01T12:00:00Z', '08:00', '08:00']",
                        "time.between: the window from \"08:00\" to \"08:00\" is empty, expected different start "
                                + "and end"),
                error("a time of day needs two-digit hours", "time.between",
                        "['2024-01-01T12:00:00Z', '8:00', '18:00']", "time.between: invalid time of day \"8:00\", "
                                + "expected \"hh:mm\" from \"00:00\" to \"23:59\""),
                error("24:00 is not a time of day", "time.between", "['2024-01-01T12:00:00Z', '08:00', '24:00']",
                        "time.between: invalid time of day \"24:00\", expected \"hh:mm\" from \"00:00\" to \"23:59\""),
                error("between refuses a timestamp without offset", "time.between",
                        "['2024-01-01T12:00:00', '08:00', '18:00']", "time.between: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T12:00:00\", " + EXPECTED_RFC_3339),
                compiles("literal window bounds compile", "time.between", "['$input', '08:00', '18:00']"),
                rejected("a literal malformed bound is a compile error", "time.between", "['$input', '8am', '18:00']",
                        "time.between: invalid time of day \"8am\", expected \"hh:mm\" from \"00:00\" to \"23:59\""),
                rejected("a literal timestamp without offset is a compile error", "time.parse_rfc3339_ns",
                        "['2024-01-01T00:00:00']", "time.parse_rfc3339_ns: invalid rfc 3339 timestamp "
                                + "\"2024-01-01T00:00:00\", " + EXPECTED_RFC_3339));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
