package io.gatehouse.bench.workload;

import io.gatehouse.bench.workload.Condition.Compare;
import io.gatehouse.bench.workload.Condition.Equals;
import io.gatehouse.bench.workload.Condition.Member;
import io.gatehouse.bench.workload.Condition.Operator;
import io.gatehouse.bench.workload.Condition.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the rule-set workloads with a fixed seed, so every run and every engine sees the same rules and queries.
 *
 * <p>Half of the queries are built from a rule picked at random, so they are allowed; the other half draw every
 * field at random and are mostly denied. Roles and departments grow with the rule count, so a larger set is a
 * larger organisation, not more rules about the same few roles.
 */
public final class RuleSets {

    /** Queries per workload; the benchmark cycles through them. */
    public static final int QUERIES = 1024;

    static final List<String> ACTIONS =
            List.of("read", "write", "list", "delete", "approve", "share", "export", "audit");
    static final List<String> CLEARANCES = List.of("public", "internal", "confidential", "secret");
    static final List<String> REGIONS = List.of("eu", "us", "apac", "latam");
    static final int RESOURCE_TYPES = 16;
    static final int KINDS = 12;

    /** The rule shapes benchmarked. */
    public enum Shape {
        /** role, resource type and a set of actions: equality and membership only */
        RBAC("rbac"),
        /** department, clearance set, resource kind, region set and action: equality and membership only */
        ABAC("abac"),
        /** number ranges and levels: ordering comparisons with constants (Gatehouse indexes them by range) */
        RANGES("ranges"),
        /** the same ranges over the amount less the subject's credit: arithmetic on two fields, no index applies */
        RELATIVE("relative");

        private final String key;

        Shape(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Shape of(String key) {
            for (Shape shape : values()) {
                if (shape.key.equals(key)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("unknown rule shape '" + key + "'");
        }
    }

    private RuleSets() {
    }

    public static RuleWorkload generate(Shape shape, int size) {
        Random random = new Random(seed(shape, size));
        List<Rule> rules = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rules.add(new Rule(i, rule(shape, i, size, random)));
        }
        List<Query> queries = new ArrayList<>(QUERIES);
        for (int q = 0; q < QUERIES; q++) {
            boolean fromRule = q % 2 == 0;
            queries.add(fromRule ? queryFor(shape, rules.get(random.nextInt(size)), size, random)
                    : randomQuery(shape, size, random));
        }
        return new RuleWorkload(shape, rules, queries);
    }

    static long seed(Shape shape, int size) {
        return 0x6a7e_4015eL * 31 + shape.ordinal() * 1_000_003L + size;
    }

    private static List<Condition> rule(Shape shape, int index, int size, Random random) {
        switch (shape) {
            case RBAC:
                return List.of(
                        new Equals(Path.subject("role"), "role_" + index / 4),
                        new Equals(Path.resource("type"), "type_" + random.nextInt(RESOURCE_TYPES)),
                        new Member(Path.ACTION, subset(ACTIONS, 1 + random.nextInt(3), random)));
            case ABAC:
                return List.of(
                        new Equals(Path.subject("department"), "dept_" + index / 8),
                        new Member(Path.subject("clearance"), subset(CLEARANCES, 1 + random.nextInt(3), random)),
                        new Equals(Path.resource("kind"), "kind_" + random.nextInt(KINDS)),
                        new Member(Path.resource("region"), subset(REGIONS, 1 + random.nextInt(2), random)),
                        new Equals(Path.ACTION, ACTIONS.get(random.nextInt(ACTIONS.size()))));
            case RANGES:
                return List.of(
                        new Compare(Path.resource("amount"), Operator.GREATER, index * 100L),
                        new Compare(Path.resource("amount"), Operator.LESS_OR_EQUAL, index * 100L + 100),
                        new Compare(Path.subject("level"), Operator.GREATER_OR_EQUAL, 1 + random.nextInt(5)));
            case RELATIVE:
                return List.of(
                        new Compare(Path.resource("amount"), Operator.GREATER, index * 100L, CREDIT),
                        new Compare(Path.resource("amount"), Operator.LESS_OR_EQUAL, index * 100L + 100, CREDIT),
                        new Compare(Path.subject("level"), Operator.GREATER_OR_EQUAL, 1 + random.nextInt(5)));
        }
        throw new AssertionError(shape);
    }

    /** The subject field the relative set subtracts from the amount. */
    static final Path CREDIT = Path.subject("credit");

    /** A query that satisfies the rule: each field takes a value the rule accepts. */
    private static Query queryFor(Shape shape, Rule rule, int size, Random random) {
        Map<String, Object> subject = baseSubject(random);
        Map<String, Object> resource = baseResource(random);
        String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
        long credit = shape == Shape.RELATIVE ? random.nextInt(50) : 0;
        if (shape == Shape.RELATIVE) {
            subject.put(CREDIT.field(), credit);
        }
        for (Condition condition : rule.conditions()) {
            Object value = satisfying(condition, random);
            if (condition instanceof Compare compare && compare.minus() != null) {
                value = (Long) value + credit;
            }
            Path path = condition.path();
            switch (path.part()) {
                case ACTION:
                    action = (String) value;
                    break;
                case SUBJECT:
                    subject.put(path.field(), value);
                    break;
                case RESOURCE:
                    resource.merge(path.field(), value, (old, fresh) -> narrow(condition, old, fresh));
                    break;
            }
        }
        return new Query(action, subject, resource);
    }

    private static Object satisfying(Condition condition, Random random) {
        if (condition instanceof Equals equals) {
            return equals.value();
        }
        if (condition instanceof Member member) {
            return member.values().get(random.nextInt(member.values().size()));
        }
        Compare compare = (Compare) condition;
        switch (compare.operator()) {
            case GREATER:
                return compare.value() + 1 + random.nextInt(99);
            case GREATER_OR_EQUAL:
                return compare.value() + random.nextInt(3);
            case LESS_OR_EQUAL:
                return compare.value();
        }
        throw new AssertionError(compare);
    }

    /** Two comparisons on one field (a range): keep the value drawn for the lower bound, it lies inside. */
    private static Object narrow(Condition condition, Object old, Object fresh) {
        return old;
    }

    private static Query randomQuery(Shape shape, int size, Random random) {
        Map<String, Object> subject = baseSubject(random);
        Map<String, Object> resource = baseResource(random);
        switch (shape) {
            case RBAC:
                subject.put("role", "role_" + random.nextInt(Math.max(1, (size + 3) / 4)));
                resource.put("type", "type_" + random.nextInt(RESOURCE_TYPES));
                break;
            case ABAC:
                subject.put("department", "dept_" + random.nextInt(Math.max(1, (size + 7) / 8)));
                subject.put("clearance", CLEARANCES.get(random.nextInt(CLEARANCES.size())));
                resource.put("kind", "kind_" + random.nextInt(KINDS));
                resource.put("region", REGIONS.get(random.nextInt(REGIONS.size())));
                break;
            case RANGES:
                subject.put("level", (long) 1 + random.nextInt(5));
                resource.put("amount", (long) random.nextInt(size * 100 + 1));
                break;
            case RELATIVE:
                subject.put("level", (long) 1 + random.nextInt(5));
                subject.put(CREDIT.field(), (long) random.nextInt(50));
                resource.put("amount", (long) random.nextInt(size * 100 + 51));
                break;
        }
        return new Query(ACTIONS.get(random.nextInt(ACTIONS.size())), subject, resource);
    }

    /** Fields no rule tests, so the inputs look like real ones and not only like the index keys. */
    private static Map<String, Object> baseSubject(Random random) {
        Map<String, Object> subject = new HashMap<>();
        subject.put("id", "user_" + random.nextInt(100_000));
        subject.put("tenant", "tenant_" + random.nextInt(8));
        return subject;
    }

    private static Map<String, Object> baseResource(Random random) {
        Map<String, Object> resource = new HashMap<>();
        resource.put("id", "res_" + random.nextInt(1_000_000));
        resource.put("owner", "user_" + random.nextInt(100_000));
        return resource;
    }

    private static List<String> subset(List<String> from, int count, Random random) {
        List<String> pool = new ArrayList<>(from);
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(pool.remove(random.nextInt(pool.size())));
        }
        return picked;
    }
}
