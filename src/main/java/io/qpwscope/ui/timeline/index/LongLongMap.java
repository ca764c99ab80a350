package io.qpwscope.ui.timeline.index;

import io.qpwscope.ui.timeline.render.LabelCache;

/**
 * Open-addressing hash map from long keys to long values (linear probing, backward-shift
 * deletion), for work sequence numbers waiting for their other end. No boxing.
 */
final class LongLongMap {
    static final long MISSING = Long.MIN_VALUE;
    private long[] keys = new long[64];
    private long[] vals = new long[64];
    private boolean[] used = new boolean[64];
    private int size;

    int size() {
        return size;
    }

    long get(long key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) return vals[i];
        }
        return MISSING;
    }

    void put(long key, long val) {
        if ((size + 1) * 2 > keys.length) rehash(keys.length * 2);
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                vals[i] = val;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        vals[i] = val;
        size++;
    }

    /** @return the removed value, or {@link #MISSING}. */
    long remove(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (used[i] && keys[i] != key) i = (i + 1) & mask;
        if (!used[i]) return MISSING;
        long v = vals[i];
        used[i] = false;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (!used[j]) break;
            int home = hash(keys[j]) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                keys[i] = keys[j];
                vals[i] = vals[j];
                used[i] = true;
                used[j] = false;
                i = j;
            }
        }
        return v;
    }

    /** Removes every entry whose value is below {@code min}, and the same keys from {@code twin}. */
    void removeValuesBelow(long min, LongLongMap twin) {
        if (size == 0) return;
        long[] doomed = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (used[i] && vals[i] < min) doomed[n++] = keys[i];
        for (int k = 0; k < n; k++) {
            remove(doomed[k]);
            twin.remove(doomed[k]);
        }
    }

    void clear() {
        java.util.Arrays.fill(used, false);
        size = 0;
    }

    private void rehash(int cap) {
        long[] k = keys, v = vals;
        boolean[] u = used;
        keys = new long[cap];
        vals = new long[cap];
        used = new boolean[cap];
        size = 0;
        for (int i = 0; i < k.length; i++) if (u[i]) put(k[i], v[i]);
    }

    private static int hash(long key) {
        return (int) LabelCache.mix(key);
    }
}
