package io.gatehouse.admission;

import java.util.Objects;

/**
 * A body that cannot be answered as an AdmissionReview at all: not JSON, not a review, or without the {@code uid}
 * a response must echo. Such a body gets a 400 problem response; anything answerable gets a denial instead.
 */
public final class MalformedReviewException extends RuntimeException {

    private final String field;

    public MalformedReviewException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The JSON path of the offending member, e.g. {@code request.uid}; {@code body} for the document itself. */
    public String field() {
        return field;
    }
}
