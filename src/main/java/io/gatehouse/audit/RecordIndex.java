package io.gatehouse.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Record ids to sequence numbers, for inclusion proofs by id. Every id the service writes is a random UUID in its
 * canonical text form; those are kept as two {@code long}s and a sequence number in one open-addressing array, 48
 * bytes per record at most and no object per record. The three values of a slot sit side by side, so a look-up or an
 * insert into an index far larger than the CPU caches touches one cache line, not three. A {@code HashMap<String, Long>} took about 140 bytes and four objects
 * per record, all of which survived young collections and had to be copied by them. Any other id (the log's own
 * recovery events) goes to a small map.
 *
 * <p>Not thread-safe: the audit log guards it with its lock.
 */
final class RecordIndex {

    private static final int CANONICAL_LENGTH = 36;

    private static final int SLOT_LONGS = 3;

    // slot i holds the id's high bits at 3i, its low bits at 3i + 1 and the sequence number plus one at 3i + 2,
    // where 0 marks an empty slot
    private long[] slots = new long[1024 * SLOT_LONGS];
    private int size;
    private final Map<String, Long> others = new HashMap<>();

    /** Remembers the id's sequence number unless the id is already known (a replayed duplicate keeps the first). */
    void putIfAbsent(String id, long sequence) {
        UUID uuid = canonical(id);
        if (uuid == null) {
            others.putIfAbsent(id, sequence);
            return;
        }
        if (2 * (size + 1) > capacity()) {
            grow();
        }
        if (insert(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), sequence + 1)) {
            size++;
        }
    }

    /** The sequence number of the record with this id, or null. */
    Long get(String id) {
        UUID uuid = canonical(id);
        if (uuid == null) {
            return others.get(id);
        }
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        int mask = capacity() - 1;
        for (int slot = slot(high, low, mask); slots[slot * SLOT_LONGS + 2] != 0; slot = (slot + 1) & mask) {
            int at = slot * SLOT_LONGS;
            if (slots[at] == high && slots[at + 1] == low) {
                return slots[at + 2] - 1;
            }
        }
        return null;
    }

    int size() {
        return size + others.size();
    }

    private int capacity() {
        return slots.length / SLOT_LONGS;
    }

    private boolean insert(long high, long low, long sequencePlusOne) {
        int mask = capacity() - 1;
        int at = slot(high, low, mask) * SLOT_LONGS;
        while (slots[at + 2] != 0) {
            if (slots[at] == high && slots[at + 1] == low) {
                return false;
            }
            at = (at + SLOT_LONGS) % slots.length;
        }
        slots[at] = high;
        slots[at + 1] = low;
        slots[at + 2] = sequencePlusOne;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (int at = 0; at < old.length; at += SLOT_LONGS) {
            if (old[at + 2] != 0) {
                insert(old[at], old[at + 1], old[at + 2]);
            }
        }
    }

    private static int slot(long high, long low, int mask) {
        long mixed = (high ^ low) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /** The UUID when {@code id} is one in canonical form (lowercase, 36 characters), else null. */
    private static UUID canonical(String id) {
        if (id.length() != CANONICAL_LENGTH) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            // fromString also takes short groups and upper case; only the canonical text maps one to one
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
