package io.gatehouse.decision;

/**
 * Where a query came from, for the audit record.
 *
 * @param callerAddress the caller's network address, or null
 * @param correlationId the id that joins events across services
 */
public record RequestContext(String callerAddress, String correlationId) {

    public static final RequestContext INTERNAL = new RequestContext(null, null);
}
