package io.gatehouse.bench.workload;

/** A request of a Cedar scenario: principal, action and resource, with an empty context as in every schema. */
public record EntityQuery(EntityRef principal, EntityRef action, EntityRef resource) {
}
