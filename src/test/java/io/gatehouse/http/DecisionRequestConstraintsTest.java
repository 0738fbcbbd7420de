package io.gatehouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.http.DecisionResource.BatchRequest;
import io.gatehouse.http.DecisionResource.DecisionRequest;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written checks of the decision request records against the constraints the records declare. */
class DecisionRequestConstraintsTest {

    @Test
    @DisplayName("the checks cover exactly the constraints declared on the records; a new one must be added to both")
    void whenTheRecordsConstraintsChangeThenTheChecksAreRevisited() {
        assertThat(declared(DecisionRequest.class)).as("update DecisionRequest.problems with the record")
                .containsExactly("input NotNull", "policy NotNull", "policy Pattern");
        assertThat(declared(BatchRequest.class)).as("update BatchRequest.problems with the record")
                .containsExactly("queries NotEmpty");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            a good query                   | payments.refunds | true  |
            policy missing                 | null             | true  | policy: is required
            policy a path, not a package   | ../etc           | true  | policy: must be a dotted package path such as payments.refunds
            policy with an empty segment   | payments..x      | true  | policy: must be a dotted package path such as payments.refunds
            input missing                  | payments.refunds | false | input: is required
            both missing, sorted by field  | null             | false | input: is required; policy: is required
            """)
    void whenAQueryBreaksAConstraintThenTheProblemNamesTheField(
            String note, String policy, boolean withInput, String expected) {
        DecisionRequest request = new DecisionRequest(policy, withInput ? JsonNodeFactory.instance.objectNode() : null,
                null);

        assertThat(detail(() -> DecisionResource.requireValid(request))).as(note).isEqualTo(expected);
    }

    @Test
    @DisplayName("a batch names the query by its index; an empty or missing list and a missing body are refused")
    void whenABatchBreaksAConstraintThenTheProblemNamesTheQuery() {
        DecisionRequest good = new DecisionRequest("a.b", JsonNodeFactory.instance.objectNode(), null);
        DecisionRequest noInput = new DecisionRequest("a.b", null, null);

        assertThat(detail(() -> DecisionResource.requireValid(new BatchRequest(List.of(good, noInput)))))
                .isEqualTo("queries[1].input: is required");
        assertThat(detail(() -> DecisionResource.requireValid(
                new BatchRequest(Arrays.asList(good, null))))).isEqualTo("queries[1]: must not be null");
        assertThat(detail(() -> DecisionResource.requireValid(new BatchRequest(List.of()))))
                .isEqualTo("queries: must hold at least one query");
        assertThat(detail(() -> DecisionResource.requireValid(new BatchRequest(null))))
                .isEqualTo("queries: must hold at least one query");
        assertThat(detail(() -> DecisionResource.requireValid((BatchRequest) null)))
                .isEqualTo("request: a JSON body is required");
        assertThat(detail(() -> DecisionResource.requireValid((DecisionRequest) null)))
                .isEqualTo("request: a JSON body is required");
    }

    /** The problem's detail, or null when the check passes. */
    private static String detail(Runnable check) {
        try {
            check.run();
            return null;
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isEqualTo(400);
            return refused.problem().detail();
        }
    }

    private static List<String> declared(Class<? extends Record> record) {
        List<String> constraints = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Stream.of(component.getAccessor().getDeclaringClass().getDeclaredFields())
                    .filter(field -> field.getName().equals(component.getName()))
                    .flatMap(field -> Stream.of(field.getAnnotations()))
                    .map(Annotation::annotationType)
                    .filter(type -> type.getPackageName().equals("jakarta.validation.constraints"))
                    .forEach(type -> constraints.add(component.getName() + " " + type.getSimpleName()));
        }
        Collections.sort(constraints);
        return constraints;
    }
}
