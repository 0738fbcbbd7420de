package io.gatehouse.engine;

import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A quick in-process measurement of the median decision latency at 10, 1,000 and 10,000 indexed rules, printed, not
 * asserted (timing assertions fail on busy machines). Run with
 * {@code ./mvnw -B -o test -Dtest=DecisionLatencyMeasurement -Dmeasure=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("measurement")
@EnabledIfSystemProperty(named = "measure", matches = "true")
class DecisionLatencyMeasurement {

    private static final int BATCH = 1_000;
    private static final int BATCHES = 300;

    @Test
    void measureMedianLatency() throws Exception {
        for (int rules : new int[] {10, 1_000, 10_000}) {
            Revision revision = PolicyEngine.compile(Map.of("bench.pol", policy(rules)), Limits.DEFAULT);
            Value[] inputs = new Value[256];
            for (int i = 0; i < inputs.length; i++) {
                int k = (i * 7919) % rules;
                inputs[i] = Policies.json("{\"role\": \"r" + k + "\", \"action\": \"a" + k + "\"}");
            }
            for (int i = 0; i < 300_000; i++) {
                check(revision.decide("bench", inputs[i & 255], DecideOptions.DEFAULT));
            }
            double[] perDecision = new double[BATCHES];
            for (int b = 0; b < BATCHES; b++) {
                long start = System.nanoTime();
                for (int i = 0; i < BATCH; i++) {
                    check(revision.decide("bench", inputs[i & 255], DecideOptions.DEFAULT));
                }
                perDecision[b] = (System.nanoTime() - start) / (double) BATCH;
            }
            Arrays.sort(perDecision);
            System.out.printf("rules=%d median=%.0f ns p90=%.0f ns%n", rules, perDecision[BATCHES / 2],
                    perDecision[BATCHES * 9 / 10]);
        }
    }

    @Test
    void measureCedarGdrive() throws Exception {
        Revision revision = PolicyEngine.load(java.nio.file.Path.of("policies"));
        Value input = CedarRequests.toInput(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"principal\": \"User::\\\"alice\\\"\", \"action\": \"Action::\\\"write\\\"\", "
                        + "\"resource\": \"Document::\\\"2021-roadmap\\\"\", \"context\": {}}"));
        for (int i = 0; i < 50_000; i++) {
            check(revision.decide("cedar.gdrive", input, DecideOptions.DEFAULT));
        }
        double[] perDecision = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                check(revision.decide("cedar.gdrive", input, DecideOptions.DEFAULT));
            }
            perDecision[b] = (System.nanoTime() - start) / 100.0;
        }
        Arrays.sort(perDecision);
        System.out.printf("cedar.gdrive alice write 2021-roadmap median=%.0f ns%n", perDecision[BATCHES / 2]);
    }

    private static void check(Decision decision) {
        if (!decision.allowed()) {
            throw new AssertionError("the benchmark input must be allowed: " + decision);
        }
    }

    static String policy(int rules) {
        StringBuilder out = new StringBuilder("package bench\n\ndefault allow := false\n");
        for (int k = 0; k < rules; k++) {
            out.append("allow if { input.role == \"r").append(k).append("\"; input.action == \"a").append(k)
                    .append("\" }\n");
        }
        return out.toString();
    }

}
