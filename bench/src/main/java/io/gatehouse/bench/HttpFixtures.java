package io.gatehouse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.bench.engines.GatehouseEngine;
import io.gatehouse.bench.engines.Inputs;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.RuleSets;
import io.gatehouse.bench.workload.RuleWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the HTTP and start-to-ready benchmarks serve: a policy directory with the generated RBAC set of
 * {@code bench.httpRules} rules (default 1,000) and one {@code POST /v1/decisions} body per line for the wrk script.
 *
 * <p>Usage: {@code HttpFixtures <output-dir>}; writes {@code <output-dir>/policies/} and {@code bodies.txt}.
 */
public final class HttpFixtures {

    private HttpFixtures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: HttpFixtures <output-dir>");
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        Path policies = Files.createDirectories(out.resolve("policies"));
        RuleWorkload workload = RuleSets.generate(RuleSets.Shape.RBAC, Integer.getInteger("bench.httpRules", 1000));
        String policy = GatehouseEngine.writePolicies(workload, policies);
        List<String> bodies = new ArrayList<>();
        for (Query query : workload.queries()) {
            ObjectNode body = Inputs.JSON.createObjectNode();
            body.put("policy", policy);
            body.set("input", Inputs.ruleInput(query));
            bodies.add(Inputs.JSON.writeValueAsString(body));
        }
        Files.write(out.resolve("bodies.txt"), bodies);
        System.out.printf("wrote %s (%d rules, package %s) and %d bodies%n", policies, workload.size(), policy,
                bodies.size());
    }
}
