package io.gatehouse.elevation;

import io.gatehouse.engine.PrivilegedOperation;
import java.util.Optional;

/**
 * The privileged operations of the current revision ({@code Revision.catalog()}), see {@link RevisionCatalog}. An
 * operation the catalog does not list is treated as high risk.
 */
public interface OperationCatalog {

    Optional<PrivilegedOperation> find(String operation);
}
