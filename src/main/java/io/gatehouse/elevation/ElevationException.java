package io.gatehouse.elevation;

import java.util.List;
import java.util.Objects;

/**
 * An elevation step was refused; becomes an RFC 9457 problem with {@code status}, a stable {@code code} and the
 * lowercase {@code detail}, plus the policy's reasons when it denied.
 */
public final class ElevationException extends Exception {

    private final int status;
    private final String code;
    private final List<String> reasons;

    public ElevationException(int status, String code, String detail, List<String> reasons) {
        super(detail);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.reasons = List.copyOf(reasons);
    }

    public ElevationException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> reasons() {
        return reasons;
    }
}
