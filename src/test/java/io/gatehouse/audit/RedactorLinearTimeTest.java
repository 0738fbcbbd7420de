package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redaction runs on every audited input, so its cost must stay linear in the length of a string. */
class RedactorLinearTimeTest {

    @Test
    void whenAStringIsLongThenRedactionStaysLinear() {
        String shapeStart = "a".repeat(200_000);
        long started = System.nanoTime();
        String redacted = Redactor.redactString(shapeStart);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(redacted).isEqualTo(shapeStart);
        // a backtracking engine needs minutes here; the bound only guards against that, it is not a benchmark
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void whenACredentialHidesAtTheEndOfALongStringThenItIsStillFound() {
        String text = "x".repeat(100_000) + " https://user:hunter2@db.internal/";
        assertThat(Redactor.redactString(text)).isEqualTo(Redactor.REDACTED);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "a JWT inside prose              | see eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln for details",
        "a bearer header in upper case   | AUTHORIZATION: BEARER abcdef123456",
        "a DPoP header                   | DPoP eyJ0eXAiOiJkcG9wK2p3dCJ9abc",
        "a password assignment           | host=db password=hunter2 port=5432",
        "a URL with a password           | postgres://app:s3cret@db.internal:5432/app",
        "an AWS access key id            | key AKIAIOSFODNN7EXAMPLE here",
        "a GitHub token                  | ghp_abcdefghijklmnopqrstuvwxyz012345",
        "a Basic credential              | Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "a Basic credential, long s      | Authorization: Ba\u017Fic dXNlcjpwYXNzd29yZA==",
    })
    void whenATextHoldsACredentialThenTheLiteralPrefilterStillLetsItBeFound(String note, String text) {
        String unescaped = text.replace("\\u017F", "\u017F");
        assertThat(Redactor.redactString(unescaped)).as(note).isEqualTo(Redactor.REDACTED);
    }

    @Test
    void whenATextHoldsNoCredentialThenItIsKept() {
        for (String text : List.of("User::\"alice\"", "Basic authentication failed", "a = b", "ghost story")) {
            assertThat(Redactor.redactString(text)).as(text).isEqualTo(text);
        }
    }
}
