package io.gatehouse.elevation;

import io.gatehouse.engine.PrivilegedOperation;
import java.util.Optional;

/**
 * The privileged operations of the current revision ({@code Revision.catalog()}). The integrator provides it from
 * the revision holder; without one, no operation is listed and every elevation is treated as high risk.
 */
public interface OperationCatalog {

    Optional<PrivilegedOperation> find(String operation);
}
