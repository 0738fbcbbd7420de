package io.gatehouse.bench.engines;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import io.gatehouse.bench.workload.Condition;
import io.gatehouse.bench.workload.EntityQuery;
import io.gatehouse.bench.workload.EntityRef;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.Rule;
import io.gatehouse.bench.workload.RuleWorkload;
import io.gatehouse.bench.workload.ScenarioWorkload;
import io.gatehouse.bench.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * cedar-java 4.10 (the uber jar, which carries the native library). Policies are parsed once and cached on the
 * native side with {@link PolicySet#cache()}; entities are parsed once into Java objects, but cedar-java offers no
 * way to keep them on the native side, so they are serialized and cross the native boundary on every call. That
 * cost is part of every Cedar figure, as it is for any cedar-java user.
 */
public final class CedarEngine implements DecisionEngine {

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private PolicySet policies;
    private Entities entities;
    private AuthorizationRequest[] requests;

    @Override
    public String name() {
        return "cedar";
    }

    @Override
    public boolean supports(Workload workload) {
        return true;
    }

    @Override
    public void load(Workload workload) throws Exception {
        policies = PolicySet.parsePolicies(policies(workload));
        policies.cache();
        if (workload instanceof RuleWorkload rules) {
            entities = new Entities();
            requests = rules.queries().stream().map(CedarEngine::request).toArray(AuthorizationRequest[]::new);
        } else {
            ScenarioWorkload scenario = (ScenarioWorkload) workload;
            entities = Entities.parse(Inputs.JSON.writeValueAsString(Inputs.cedarEntities(scenario)));
            requests = scenario.queries().stream().map(CedarEngine::request).toArray(AuthorizationRequest[]::new);
        }
    }

    @Override
    public boolean decide(int query) throws Exception {
        AuthorizationResponse response = engine.isAuthorized(requests[query], policies, entities);
        if (response.success.isEmpty()) {
            throw new IllegalStateException("cedar failed: " + response.errors);
        }
        return response.success.get().isAllowed();
    }

    public static String policies(Workload workload) {
        if (workload instanceof RuleWorkload rules) {
            return rules.rules().stream().map(CedarEngine::policy).collect(Collectors.joining("\n"));
        }
        return GatehouseEngine.resource("/scenarios/" + workload.family() + ".cedar");
    }

    /** The action goes into the scope, as Cedar policies are written; the other tests into {@code when}. */
    private static String policy(Rule rule) {
        String action = "action";
        List<String> when = new ArrayList<>();
        for (Condition condition : rule.conditions()) {
            if (condition.path().equals(Condition.Path.ACTION)) {
                action = actionScope(condition);
            } else {
                when.add(test(condition));
            }
        }
        return "@id(\"rule_" + rule.index() + "\")\npermit(principal, " + action + ", resource)\nwhen { "
                + String.join(" && ", when) + " };\n";
    }

    private static String actionScope(Condition condition) {
        if (condition instanceof Condition.Equals equals) {
            return "action == " + actionUid(equals.value());
        }
        Condition.Member member = (Condition.Member) condition;
        return "action in [" + member.values().stream().map(CedarEngine::actionUid)
                .collect(Collectors.joining(", ")) + "]";
    }

    private static String actionUid(String name) {
        return "Action::" + GatehouseEngine.quote(name);
    }

    private static String test(Condition condition) {
        String path = "context." + condition.path().dotted();
        if (condition instanceof Condition.Equals equals) {
            return path + " == " + GatehouseEngine.quote(equals.value());
        }
        if (condition instanceof Condition.Member member) {
            return "[" + member.values().stream().map(GatehouseEngine::quote).collect(Collectors.joining(", "))
                    + "].contains(" + path + ")";
        }
        Condition.Compare compare = (Condition.Compare) condition;
        return compare.left("context.") + " " + compare.operator().symbol() + " " + compare.value();
    }

    private static AuthorizationRequest request(Query query) {
        Map<String, com.cedarpolicy.value.Value> context = new HashMap<>();
        context.put("subject", record(query.subject()));
        context.put("resource", record(query.resource()));
        return new AuthorizationRequest(
                uid("User", (String) query.subject().get("id")),
                uid("Action", query.action()),
                uid("Resource", (String) query.resource().get("id")),
                context);
    }

    private static CedarMap record(Map<String, Object> attributes) {
        Map<String, com.cedarpolicy.value.Value> values = new HashMap<>();
        attributes.forEach((key, value) -> values.put(key,
                value instanceof Long number ? new PrimLong(number) : new PrimString((String) value)));
        return new CedarMap(values);
    }

    private static AuthorizationRequest request(EntityQuery query) {
        return new AuthorizationRequest(uid(query.principal()), uid(query.action()), uid(query.resource()),
                Map.of());
    }

    private static EntityUID uid(EntityRef ref) {
        return uid(ref.type(), ref.id());
    }

    private static EntityUID uid(String type, String id) {
        return new EntityUID(EntityTypeName.parse(type).orElseThrow(), id);
    }
}
