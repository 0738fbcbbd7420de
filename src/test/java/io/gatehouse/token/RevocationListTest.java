package io.gatehouse.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.identity.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("revocation list")
class RevocationListTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aRevocationSurvivesARestart(@TempDir Path state) throws Exception {
        FakeClock clock = new FakeClock(T0);
        new RevocationList(state.resolve("revocations"), clock).revoke("t-1", T0.plusSeconds(300));

        RevocationList reloaded = new RevocationList(state.resolve("revocations"), clock);

        assertThat(reloaded.isRevoked("t-1")).isTrue();
        assertThat(reloaded.isRevoked("t-2")).isFalse();
        assertThat(reloaded.active()).containsOnlyKeys("t-1");
    }

    @Test
    void entriesLongPastExpiryAreDroppedOnReload(@TempDir Path state) throws Exception {
        FakeClock clock = new FakeClock(T0);
        RevocationList list = new RevocationList(state.resolve("revocations"), clock);
        list.revoke("short", T0.plusSeconds(60));
        list.revoke("long", T0.plusSeconds(3600));
        clock.advance(Duration.ofMinutes(10));

        RevocationList reloaded = new RevocationList(state.resolve("revocations"), clock);

        assertThat(reloaded.active()).containsOnlyKeys("long");
    }
}
