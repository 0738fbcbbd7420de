package io.gatehouse.bench;

import io.gatehouse.bench.engines.DecisionEngine;
import io.gatehouse.bench.engines.GatehouseEngine;
import io.gatehouse.bench.workload.EntityQuery;
import io.gatehouse.bench.workload.RuleSets;
import io.gatehouse.bench.workload.RuleWorkload;
import io.gatehouse.bench.workload.ScenarioWorkload;
import io.gatehouse.bench.workload.Scenarios;
import io.gatehouse.bench.workload.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs before any timing: every generated query must get the same decision from every engine that takes part.
 * Rule-set decisions are also checked against the reference evaluation of the neutral rules; scenario decisions of
 * Gatehouse against Cedar's, over several hierarchies per entity count. Exits non-zero on any difference, so
 * {@code bench/run.sh} stops before it times engines that do not agree.
 *
 * <p>System properties: {@code bench.engines} (comma-separated, default all), {@code bench.sizes} (rule counts),
 * {@code bench.scenarioSizes} (N values), {@code bench.hierarchies} (hierarchies per N).
 */
public final class AgreementCheck {

    private static final int MAX_REPORTED = 10;

    /**
     * Engines that scan every rule take seconds per decision at 10,000 rules on the benchmark machine; above 1,000
     * rules they are checked on this many queries. Gatehouse and Cedar are always checked on every query.
     */
    private static final int SCANNING_ENGINE_QUERIES = 256;

    private final List<String> engines;
    private final List<String> disagreements = new ArrayList<>();
    private long checked;

    private AgreementCheck(List<String> engines) {
        this.engines = engines;
    }

    public static void main(String[] args) throws Exception {
        List<String> engines = list("bench.engines", String.join(",", DecisionEngine.NAMES));
        AgreementCheck check = new AgreementCheck(engines);
        for (RuleSets.Shape shape : RuleSets.Shape.values()) {
            for (String size : list("bench.sizes", "10,100,1000,10000")) {
                check.ruleSet(RuleSets.generate(shape, Integer.parseInt(size)));
            }
        }
        int hierarchies = Integer.getInteger("bench.hierarchies", 3);
        for (String app : Scenarios.APPS) {
            for (String n : list("bench.scenarioSizes", "5,20,50")) {
                for (int h = 0; h < hierarchies; h++) {
                    check.scenario(Scenarios.generate(app, Integer.parseInt(n), h));
                }
            }
        }
        System.out.printf("agreement: %d decisions compared, %d differ%n", check.checked,
                check.disagreements.size());
        check.disagreements.stream().limit(MAX_REPORTED).forEach(line -> System.out.println("  " + line));
        if (!check.disagreements.isEmpty()) {
            System.exit(1);
        }
    }

    private void ruleSet(RuleWorkload workload) throws Exception {
        boolean[] expected = new boolean[workload.queryCount()];
        int allowed = 0;
        for (int q = 0; q < expected.length; q++) {
            expected[q] = workload.expected(workload.queries().get(q));
            allowed += expected[q] ? 1 : 0;
        }
        System.out.printf("%s-%d: %d queries, %d allowed by the reference%n", workload.family(), workload.size(),
                expected.length, allowed);
        for (String name : engines) {
            DecisionEngine engine = DecisionEngine.create(name);
            if (!engine.supports(workload)) {
                continue;
            }
            long start = System.nanoTime();
            engine.load(workload);
            long loaded = System.nanoTime();
            int count = checkedQueries(name, workload);
            for (int q = 0; q < count; q++) {
                compare(workload, name, q, expected[q], engine.decide(q), "reference");
            }
            System.out.printf("  %-15s load %6d ms, %d decisions in %6d ms%n", name, (loaded - start) / 1_000_000,
                    count, (System.nanoTime() - loaded) / 1_000_000);
        }
    }

    private static int checkedQueries(String engine, RuleWorkload workload) {
        boolean always = engine.startsWith("gatehouse") || engine.equals("cedar");
        return always || workload.size() <= 1000 ? workload.queryCount()
                : Math.min(SCANNING_ENGINE_QUERIES, workload.queryCount());
    }

    private void scenario(ScenarioWorkload workload) throws Exception {
        if (!engines.contains("cedar")) {
            return;
        }
        DecisionEngine cedar = DecisionEngine.create("cedar");
        cedar.load(workload);
        GatehouseEngine gatehouse = engines.contains("gatehouse") ? new GatehouseEngine() : null;
        if (gatehouse != null) {
            gatehouse.load(workload);
        }
        int allowed = 0;
        for (int q = 0; q < workload.queryCount(); q++) {
            boolean reference = cedar.decide(q);
            allowed += reference ? 1 : 0;
            if (gatehouse == null) {
                continue;
            }
            boolean actual = gatehouse.decide(q);
            if (reference != actual) {
                EntityQuery query = workload.queries().get(q);
                record(workload, "gatehouse", q, reference, actual, "cedar",
                        query + " " + gatehouse.decision(q).reasons());
            }
            checked++;
        }
        System.out.printf("%s N=%d: %d requests, %d allowed by Cedar%n", workload.app(), workload.n(),
                workload.queryCount(), allowed);
    }

    private void compare(Workload workload, String engine, int q, boolean expected, boolean actual, String against) {
        checked++;
        if (expected != actual) {
            String detail = workload instanceof RuleWorkload rules ? rules.queries().get(q).toString() : "";
            record(workload, engine, q, expected, actual, against, detail);
        }
    }

    private void record(Workload workload, String engine, int q, boolean expected, boolean actual, String against,
            String detail) {
        disagreements.add(String.format("%s-%d query %d: %s says %s, %s says %s: %s", workload.family(),
                workload.size(), q, against, verdict(expected), engine, verdict(actual), detail));
    }

    private static String verdict(boolean allowed) {
        return allowed ? "allow" : "deny";
    }

    private static List<String> list(String property, String fallback) {
        return Arrays.asList(System.getProperty(property, fallback).split(","));
    }
}
