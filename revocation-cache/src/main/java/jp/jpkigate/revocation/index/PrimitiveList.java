package jp.jpkigate.revocation.index;

import java.util.Arrays;

/** Growable {@code long[]} key/value pairs for the builder's rare side tables (no boxing). */
final class PrimitiveList {
    long[] keys = new long[16];
    long[] values = new long[16];
    int size;

    void add(long key, long value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
    }

    /** Sorts by key (heap sort, in place, values follow) and keeps the smallest value per key. */
    void sortKeepMin() {
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i, size);
        }
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (w > 0 && keys[w - 1] == keys[i]) {
                values[w - 1] = Math.min(values[w - 1], values[i]);
            } else {
                keys[w] = keys[i];
                values[w++] = values[i];
            }
        }
        size = w;
        keys = Arrays.copyOf(keys, w);
        values = Arrays.copyOf(values, w);
    }

    /** Index of {@code key} after {@link #sortKeepMin()}, or a negative number. */
    int indexOf(long key) {
        return Arrays.binarySearch(keys, 0, size, key);
    }

    private void siftDown(int i, int n) {
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                return;
            }
            if (c + 1 < n && keys[c + 1] > keys[c]) {
                c++;
            }
            if (keys[i] >= keys[c]) {
                return;
            }
            swap(i, c);
            i = c;
        }
    }

    private void swap(int a, int b) {
        long k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        long v = values[a];
        values[a] = values[b];
        values[b] = v;
    }
}
