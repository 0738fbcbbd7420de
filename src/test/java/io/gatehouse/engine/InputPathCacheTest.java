package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A decision looks each static input path up once and keeps the value; a {@code with input...} replacement must
 * see its own input, not the kept values of the outer one, and a path read before and after it must not mix.
 */
class InputPathCacheTest {

    private static final String POLICY = """
            package cache

            doubled if input.a.b * 2 == input.limit

            allow if {
                x := input.a.b
                x + 1 > 1
                doubled with input.a.b as 5
                input.a.b == x
                not doubled
            }
            """;

    @Test
    void whenWithReplacesAPathThenTheInnerEvaluationSeesTheNewValueAndTheOuterOneItsOwn() throws Exception {
        Revision revision = Policies.compile("cache.pol", POLICY);

        assertThat(revision.decide("cache", Policies.json("{\"a\": {\"b\": 1}, \"limit\": 10}"),
                DecideOptions.DEFAULT).allowed()).isTrue();
        assertThat(revision.decide("cache", Policies.json("{\"a\": {\"b\": 5}, \"limit\": 10}"),
                DecideOptions.DEFAULT).allowed()).isFalse();
        assertThat(revision.decide("cache", Policies.json("{\"a\": {\"b\": 1}, \"limit\": 12}"),
                DecideOptions.DEFAULT).allowed()).isFalse();
    }

    @Test
    void whenManyPathsAreReadThenSlotsThatShareACacheEntryStillGiveTheirOwnValues() throws Exception {
        StringBuilder policy = new StringBuilder("package many\n\nallow if {\n");
        StringBuilder input = new StringBuilder("{");
        for (int field = 0; field < 80; field++) {
            policy.append("    input.f").append(field).append(" + 0 == ").append(field).append('\n');
            input.append(field == 0 ? "" : ", ").append("\"f").append(field).append("\": ").append(field);
        }
        policy.append("    input.f3 + input.f35 + input.f67 == 105\n}\n");
        Revision revision = Policies.compile("many.pol", policy.toString());

        assertThat(revision.decide("many", Policies.json(input + "}"), DecideOptions.DEFAULT).allowed()).isTrue();
        assertThat(revision.decide("many", Policies.json(input.toString().replace("\"f35\": 35", "\"f35\": 36") + "}"),
                DecideOptions.DEFAULT).allowed()).isFalse();
    }
}
