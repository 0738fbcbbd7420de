package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
