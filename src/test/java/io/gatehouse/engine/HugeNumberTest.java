package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A number with a huge exponent in the input ({@code 1e999999999} is eleven characters of JSON) must never be
 * written out digit by digit: arithmetic, aggregates, rounding and formatting refuse it with an error, which denies,
 * instead of spending minutes and gigabytes. Comparisons stay exact and cheap.
 */
class HugeNumberTest {

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @CsvSource(delimiter = '|', value = {
        "input.n + 1 > 0                      | operator \"+\" needs numbers of at most 10000 digits, given 1E+999999999",
        "input.n - 1 > 0                      | operator \"-\" needs numbers of at most 10000 digits",
        "input.n * 2 > 0                      | operator \"*\" needs numbers of at most 10000 digits",
        "input.n % 7 == 0                     | operator \"%\" needs numbers of at most 10000 digits",
        "input.tiny % 2 == 0                  | operator \"%\" needs numbers of at most 10000 digits, given 1E-999999999",
        "sum([input.n, 1]) > 0                | number out of range",
        "round(input.n) > 0                   | number out of range",
        "sprintf(\"%d\", [input.n]) != \"\"   | cannot print a number with more than 1000 digits",
        "sprintf(\"%.2f\", [input.n]) != \"\" | cannot print a number with more than 1000 digits",
    })
    void whenAnInputNumberHasAHugeExponentThenTheDecisionFailsClosedQuickly(String test, String error)
            throws Exception {
        Revision revision = Policies.compile("huge.pol", "package huge\n\nallow if " + test + "\n");

        Decision decision = revision.decide("huge", Policies.json("{\"n\": 1e999999999, \"tiny\": 1e-999999999}"),
                DecideOptions.DEFAULT);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.error()).contains(error);
    }

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @CsvSource({"input.n > 1e999999998, true", "input.n == 1e999999999, true", "input.tiny < 1, true",
            "input.n < 0, false"})
    void whenAHugeNumberIsOnlyComparedThenItDecidesExactly(String test, boolean allowed) throws Exception {
        Revision revision = Policies.compile("huge.pol", "package huge\n\nallow if " + test + "\n");

        Decision decision = revision.decide("huge", Policies.json("{\"n\": 1e999999999, \"tiny\": 1e-999999999}"),
                DecideOptions.DEFAULT);

        assertThat(decision.error()).isNull();
        assertThat(decision.allowed()).isEqualTo(allowed);
    }
}
