package io.gatehouse.bench.workload;

import java.util.List;

/**
 * One generated hierarchy of a Cedar benchmark scenario and the requests drawn against it.
 *
 * @param app gdrive, github or tinytodo
 * @param n entities generated per entity type
 * @param entities every entity, action entities included (cedar-java has no schema here to take them from)
 * @param queries requests whose principal and resource exist in the hierarchy
 */
public record ScenarioWorkload(String app, int n, List<Entity> entities, List<EntityQuery> queries)
        implements Workload {

    public ScenarioWorkload {
        entities = List.copyOf(entities);
        queries = List.copyOf(queries);
    }

    @Override
    public String family() {
        return app;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int queryCount() {
        return queries.size();
    }
}
