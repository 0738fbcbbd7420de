package io.gatehouse.bench.workload;

import java.util.Objects;

/** A Cedar entity reference: a type and an id. */
public record EntityRef(String type, String id) {

    public EntityRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** The request-file form, {@code Type::"id"}, also used as the entity's key in Gatehouse data. */
    public String text() {
        return type + "::\"" + id + "\"";
    }
}
