package io.gatehouse.bench.engines;

import io.gatehouse.bench.workload.Condition;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.Rule;
import io.gatehouse.bench.workload.RuleSets;
import io.gatehouse.bench.workload.RuleWorkload;
import io.gatehouse.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * jCasbin for the RBAC sets: the request carries the subject's role, and the model's matcher compares role,
 * resource type and action with each policy line. A rule that allows several actions becomes one line per action,
 * as Casbin policies are written, so a set of N rules has about 2N lines.
 */
public final class CasbinEngine implements DecisionEngine {

    static final String MODEL = String.join("\n",
            "[request_definition]", "r = sub, obj, act",
            "[policy_definition]", "p = sub, obj, act",
            "[policy_effect]", "e = some(where (p.eft == allow))",
            "[matchers]", "m = r.sub == p.sub && r.obj == p.obj && r.act == p.act", "");

    private Enforcer enforcer;
    private String[][] requests;

    @Override
    public String name() {
        return "jcasbin";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload instanceof RuleWorkload rules && rules.shape() == RuleSets.Shape.RBAC;
    }

    @Override
    public void load(Workload workload) {
        RuleWorkload rules = (RuleWorkload) workload;
        Model model = new Model();
        model.loadModelFromText(MODEL);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        enforcer.addPolicies(lines(rules));
        requests = rules.queries().stream().map(CasbinEngine::request).toArray(String[][]::new);
    }

    @Override
    public boolean decide(int query) {
        String[] request = requests[query];
        return enforcer.enforce(request[0], request[1], request[2]);
    }

    public static List<List<String>> lines(RuleWorkload workload) {
        List<List<String>> lines = new ArrayList<>();
        for (Rule rule : workload.rules()) {
            String role = ((Condition.Equals) rule.conditions().get(0)).value();
            String type = ((Condition.Equals) rule.conditions().get(1)).value();
            for (String action : ((Condition.Member) rule.conditions().get(2)).values()) {
                lines.add(List.of(role, type, action));
            }
        }
        return lines;
    }

    private static String[] request(Query query) {
        return new String[] {(String) query.subject().get("role"), (String) query.resource().get("type"),
            query.action()};
    }
}
