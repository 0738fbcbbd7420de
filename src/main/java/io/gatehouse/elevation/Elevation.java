package io.gatehouse.elevation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A temporary elevation: one principal may perform one operation on one resource until a hard expiry.
 *
 * <p>The expiry is fixed when the elevation is requested ({@code requestedAt + duration}); a slow approval shortens
 * the usable time rather than extending it. Records are immutable; every change is a compare-and-set in the store.
 *
 * @param id unpredictable identifier
 * @param principal the subject of the principal who asked and who may use it
 * @param operation the privileged operation, e.g. {@code refund.issue}
 * @param resource the resource it is limited to; {@code *} means any resource of the operation
 * @param justification why, in the requester's words
 * @param requestedAt when it was requested
 * @param expiresAt the hard expiry
 * @param approvalRequired whether another principal must approve before it is active
 * @param status where it stands
 * @param approvedBy the approver's subject, or null
 * @param approvedAt when it was approved, or null
 * @param endedBy who revoked it, or null
 * @param endedAt when it was revoked or found expired, or null
 * @param issuedTokens the tokens issued under it, revoked with it
 */
public record Elevation(
        String id, String principal, String operation, String resource, String justification, Instant requestedAt,
        Instant expiresAt, boolean approvalRequired, Status status, String approvedBy, Instant approvedAt,
        String endedBy, Instant endedAt, List<IssuedToken> issuedTokens) {

    /** Where an elevation stands; an expired one may still read ACTIVE until the sweeper marks it. */
    public enum Status {
        PENDING, ACTIVE, REVOKED, EXPIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A token issued under the elevation, with its own expiry. */
    public record IssuedToken(String jti, Instant expiresAt) {

        public IssuedToken {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public Elevation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        issuedTokens = issuedTokens == null ? List.of() : List.copyOf(issuedTokens);
    }

    /** Usable now: approved (or not needing approval), not revoked, before its hard expiry. */
    public boolean activeAt(Instant now) {
        return status == Status.ACTIVE && now.isBefore(expiresAt);
    }

    /** Still waiting or running, but past its hard expiry. */
    public boolean lapsedAt(Instant now) {
        return (status == Status.PENDING || status == Status.ACTIVE) && !now.isBefore(expiresAt);
    }

    /** Whether it covers {@code operation} on {@code resource}. */
    public boolean covers(String operation, String resource) {
        return this.operation.equals(operation) && ("*".equals(this.resource) || this.resource.equals(resource));
    }

    public Elevation approved(String approver, Instant at) {
        return new Elevation(id, principal, operation, resource, justification, requestedAt, expiresAt,
                approvalRequired, Status.ACTIVE, approver, at, endedBy, endedAt, issuedTokens);
    }

    public Elevation ended(Status end, String by, Instant at) {
        return new Elevation(id, principal, operation, resource, justification, requestedAt, expiresAt,
                approvalRequired, end, approvedBy, approvedAt, by, at, issuedTokens);
    }

    public Elevation withToken(IssuedToken token) {
        List<IssuedToken> tokens = new ArrayList<>(issuedTokens);
        tokens.add(token);
        return new Elevation(id, principal, operation, resource, justification, requestedAt, expiresAt,
                approvalRequired, status, approvedBy, approvedAt, endedBy, endedAt, tokens);
    }
}
