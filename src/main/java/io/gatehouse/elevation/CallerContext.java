package io.gatehouse.elevation;

/**
 * Where a call came from, for the audit record.
 *
 * @param callerAddress the caller's network address, or null
 * @param correlationId from {@code traceparent} or {@code X-Request-Id}, or null
 */
public record CallerContext(String callerAddress, String correlationId) {

    public static final CallerContext NONE = new CallerContext(null, null);
}
