package io.gatehouse.admission;

/** Where the validating hook finds its constraints. */
public interface ConstraintSource {

    /**
     * The constraints in force now.
     *
     * @throws ConstraintsUnavailableException when there are none to be had (no revision, no constraint data, a
     *     malformed constraint): the hook then denies, since judging against nothing would admit everything
     */
    ConstraintSet current();

    /** Why no constraint set could be read. */
    final class ConstraintsUnavailableException extends RuntimeException {

        public ConstraintsUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
