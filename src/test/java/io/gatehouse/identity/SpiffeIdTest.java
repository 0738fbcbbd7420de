package io.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiffeIdTest {

    @ParameterizedTest(name = "valid: {0}")
    @ValueSource(strings = {"spiffe://example.org/workload", "spiffe://192.168.1.1/a",
        "spiffe://trust_domain.example.com/ns/staging/sa/default", "spiffe://example.org", "SPIFFE://example.org/a"})
    void validIds(String id) {
        assertThat(SpiffeId.parse(id)).isPresent();
    }

    @ParameterizedTest(name = "invalid: {0}")
    @ValueSource(strings = {"spiffe://example.org/", "spiffe://example.org/a//b", "spiffe://example.org/a/./b",
        "spiffe://example.org/a/../b", "spiffe://example.org/a/", "spiffe://example.org/a%20b",
        "spiffe://example.org/a$b", "spiffe://exa%41mple.org/a", "spiffe://[::1]/a", "spiffe://td:8080/a",
        "spiffe://u@td/a", "spiffe://td/a?x", "spiffe://td/a#f", "spiffe:///x", "http://example.org/a",
        "spiffe://Example.org/a"})
    void invalidIds(String id) {
        assertThat(SpiffeId.parse(id)).isEmpty();
    }
}
