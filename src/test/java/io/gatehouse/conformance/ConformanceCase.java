package io.gatehouse.conformance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One golden case: policy modules, an input, a query, and exactly one expectation. Fixtures are parsed strictly,
 * so a misspelt key fails the run instead of silently testing nothing.
 *
 * @param note a sentence saying what the case pins
 * @param modules the .pol sources, in file order ({@code m0.pol}, {@code m1.pol}, ...)
 * @param data data documents by file name, e.g. {@code teams.json} mounted at {@code data.teams}
 * @param input the input document, or null
 * @param query a rule or package path below {@code data}, e.g. {@code t.allow}
 * @param decide an entrypoint package to decide instead of querying
 * @param want the expected value of {@code query}
 * @param wantUndefined true when {@code query} must be undefined
 * @param wantEvalError a fragment of the evaluation error's message
 * @param wantCompileError the expected first compile error
 * @param wantDecision the expected decision of {@code decide}
 */
public record ConformanceCase(
        String note,
        List<String> modules,
        Map<String, JsonNode> data,
        JsonNode input,
        String query,
        String decide,
        JsonNode want,
        @JsonProperty("want_undefined") Boolean wantUndefined,
        @JsonProperty("want_eval_error") String wantEvalError,
        @JsonProperty("want_compile_error") CompileError wantCompileError,
        @JsonProperty("want_decision") DecisionWant wantDecision) {

    /**
     * @param code the diagnostic's stable code
     * @param line 1-based line in the module
     * @param column 1-based column, or null when the case does not pin it
     * @param module index of the module, 0 when absent
     * @param contains a fragment of the message, or null
     */
    public record CompileError(String code, Integer line, Integer column, Integer module, String contains) {
    }

    /**
     * @param allowed whether the decision allows
     * @param reasons the exact reasons, or null when not pinned
     * @param error a fragment of the decision error, or null when there must be none
     * @param obligations the exact obligations, or null when not pinned
     */
    public record DecisionWant(Boolean allowed, List<String> reasons, String error, JsonNode obligations) {
    }

    /** A file of cases. */
    public record CaseFile(List<ConformanceCase> cases) {
    }
}
