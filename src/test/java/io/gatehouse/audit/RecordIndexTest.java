package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit log's id index: every id written finds its sequence number, and nothing else finds one. */
class RecordIndexTest {

    @Test
    void whenManyRandomIdsAreAddedThenEachFindsItsOwnSequenceAcrossGrowth() {
        RecordIndex index = new RecordIndex();
        Random random = new Random(20261204);
        List<String> ids = new ArrayList<>();
        for (int sequence = 0; sequence < 50_000; sequence++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            ids.add(id);
            index.putIfAbsent(id, sequence);
        }

        for (int sequence = 0; sequence < ids.size(); sequence++) {
            assertThat(index.get(ids.get(sequence))).isEqualTo(sequence);
        }
        assertThat(index.size()).isEqualTo(50_000);
        assertThat(index.get(new UUID(random.nextLong(), random.nextLong()).toString())).isNull();
    }

    @Test
    void whenAnIdRepeatsThenTheFirstSequenceStays() {
        RecordIndex index = new RecordIndex();
        String id = UUID.randomUUID().toString();

        index.putIfAbsent(id, 7);
        index.putIfAbsent(id, 9);

        assertThat(index.get(id)).isEqualTo(7);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void whenAnIdIsNotACanonicalUuidThenItIsKeptByItsTextAndNeverConfusedWithOne() {
        RecordIndex index = new RecordIndex();
        String canonical = "00000001-0001-0001-0001-000000000001";
        index.putIfAbsent(canonical, 1);
        index.putIfAbsent("audit-recovered-1764806400000", 2);
        index.putIfAbsent("00000001-0001-0001-0001-00000000000A", 3);

        assertThat(index.get(canonical)).isEqualTo(1);
        assertThat(index.get("audit-recovered-1764806400000")).isEqualTo(2);
        // upper case and short groups parse to the same UUID, but they are other ids
        assertThat(index.get("00000001-0001-0001-0001-00000000000A")).isEqualTo(3);
        assertThat(index.get("00000001-0001-0001-0001-00000000000a")).isNull();
        assertThat(index.get("1-1-1-1-1")).isNull();
        assertThat(index.get("")).isNull();
    }
}
