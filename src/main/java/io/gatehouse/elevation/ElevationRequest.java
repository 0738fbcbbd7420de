package io.gatehouse.elevation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/elevations}.
 *
 * @param operation the privileged operation, e.g. {@code refund.issue}
 * @param resource the resource (a string, or an object with an {@code id}); {@code *} for any
 * @param duration ISO 8601 ({@code PT15M}) or a number of seconds
 * @param justification why the elevation is needed
 */
public record ElevationRequest(String operation, JsonNode resource, JsonNode duration, String justification) {
}
