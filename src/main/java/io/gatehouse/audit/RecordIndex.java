package io.gatehouse.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Record ids to sequence numbers, for inclusion proofs by id. Every id the service writes is a random UUID in its
 * canonical text form; those are kept as two {@code long}s and a sequence number in open-addressing arrays, 48 bytes
 * per record at most and no object per record. A {@code HashMap<String, Long>} took about 140 bytes and four objects
 * per record, all of which survived young collections and had to be copied by them. Any other id (the log's own
 * recovery events) goes to a small map.
 *
 * <p>Not thread-safe: the audit log guards it with its lock.
 */
final class RecordIndex {

    private static final int CANONICAL_LENGTH = 36;

    private long[] highs = new long[1024];
    private long[] lows = new long[1024];
    /** The sequence number plus one; 0 marks an empty slot. */
    private long[] sequences = new long[1024];
    private int size;
    private final Map<String, Long> others = new HashMap<>();

    /** Remembers the id's sequence number unless the id is already known (a replayed duplicate keeps the first). */
    void putIfAbsent(String id, long sequence) {
        UUID uuid = canonical(id);
        if (uuid == null) {
            others.putIfAbsent(id, sequence);
            return;
        }
        if (2 * (size + 1) > sequences.length) {
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
        int mask = sequences.length - 1;
        for (int slot = slot(high, low, mask); sequences[slot] != 0; slot = (slot + 1) & mask) {
            if (highs[slot] == high && lows[slot] == low) {
                return sequences[slot] - 1;
            }
        }
        return null;
    }

    int size() {
        return size + others.size();
    }

    private boolean insert(long high, long low, long sequencePlusOne) {
        int mask = sequences.length - 1;
        int slot = slot(high, low, mask);
        while (sequences[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        highs[slot] = high;
        lows[slot] = low;
        sequences[slot] = sequencePlusOne;
        return true;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        long[] oldSequences = sequences;
        highs = new long[oldSequences.length * 2];
        lows = new long[oldSequences.length * 2];
        sequences = new long[oldSequences.length * 2];
        for (int i = 0; i < oldSequences.length; i++) {
            if (oldSequences[i] != 0) {
                insert(oldHighs[i], oldLows[i], oldSequences[i]);
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
