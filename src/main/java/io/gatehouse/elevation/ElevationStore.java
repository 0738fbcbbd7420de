package io.gatehouse.elevation;

import io.gatehouse.state.StateUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * Elevation records, shared by every replica when the state backend is Redis. Records stay readable for a retention
 * period after their expiry, so that a late approval is refused as expired rather than as unknown.
 */
public interface ElevationStore {

    /** Stores a new record; its id is unique. */
    void create(Elevation elevation) throws StateUnavailableException;

    Optional<Elevation> find(String id) throws StateUnavailableException;

    /**
     * Replaces {@code expected} by {@code updated} only if the stored record still equals {@code expected}; two
     * replicas approving and revoking one elevation at once cannot both win.
     */
    boolean replace(Elevation expected, Elevation updated) throws StateUnavailableException;

    /** Every retained record of one principal. */
    List<Elevation> forPrincipal(String principal) throws StateUnavailableException;

    /** Every retained record, for the expiry sweep and the active gauge. */
    List<Elevation> all() throws StateUnavailableException;
}
