package io.gatehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engine.Decision;
import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Policies;
import io.gatehouse.engine.Revision;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to a valid policy (characters and tokens deleted, duplicated, swapped or inserted): the
 * compiler must either accept the text or report structured diagnostics, never an internal error, and an accepted
 * policy must decide without throwing.
 */
class MalformedPolicyTest {

    private static final long SEED = 7L;
    private static final int MUTANTS = 300;
    private static final String[] INSERTS = {"{", "}", "[", "]", "(", ")", "\"", "`", ":=", "=", "==", " in ",
        " some ", " every ", " not ", " with ", " as ", " if ", " contains ", ";", "\n", ",", ".", "_", "x", "1",
        "-", "|", "&", "set()", " default ", "input", "data", "#"};

    private static final String VALID = """
            package p
            import data.q

            operation "a.b" {
                owner: "o"
                risk: "low"
                description: "d"
            }

            default allow := false
            allow if {
                input.role == "admin"
                some x in input.items
                x.price < q.limit
                not input.blocked
                every t in input.tags { startswith(t, "ok") }
            }
            deny contains sprintf("no %v", [input.user]) if { input.user in {"eve", "mallory"} }
            obligations[k] := v if { some k, v in {"ttl": 5}; allow }
            f(a) := a * 2
            names := [n | some u in input.users; n := u.name]
            t := y if { y := f(2) with input as {} }
            """;

    @Test
    @DisplayName("damaged policies give diagnostics, never an internal error or an exception")
    void damagedPoliciesGiveDiagnostics() throws Exception {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = mutate(VALID, random, 1 + random.nextInt(3));
            try {
                Revision revision = Policies.compile("p.pol", mutant, "q.pol", "package q\nlimit := 10\n");
                Decision decision = revision.decide("p", Policies.json("{\"role\": \"admin\", \"items\": "
                        + "[{\"price\": 1}], \"tags\": [\"ok\"], \"users\": [{\"name\": \"a\"}]}"),
                        DecideOptions.DEFAULT);
                assertThat(decision.revision()).isEqualTo(revision.id());
                accepted++;
            } catch (PolicyCompileException e) {
                assertThat(e.diagnostics()).as(mutant).isNotEmpty().extracting(Diagnostic::code)
                        .doesNotContain("E000");
            }
        }
        assertThat(accepted).as("some mutants must still compile").isGreaterThan(MUTANTS / 20);
    }

    private static String mutate(String text, Random random, int edits) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                case 2 -> out.insert(at, out.charAt(random.nextInt(out.length())));
                default -> {
                    int end = Math.min(out.length(), at + 1 + random.nextInt(6));
                    out.delete(at, end);
                }
            }
        }
        return out.toString();
    }
}
