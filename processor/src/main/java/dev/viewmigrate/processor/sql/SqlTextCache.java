package dev.viewmigrate.processor.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was read from each SQL text, computed once. Every compile plans every revision from the full state before it,
 * so the same texts are parsed again and again, and parsing is nearly all of the planning time. Bounded, because a
 * processor can live on in a build daemon or an IDE; the values must be immutable.
 */
final class SqlTextCache<T> {
    private static final int CAPACITY = 16384;

    private final Function<String, T> reader;
    private final Map<String, T> values = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > CAPACITY;
        }
    };

    SqlTextCache(Function<String, T> reader) {
        this.reader = reader;
    }

    /** Stores {@code value} as the reading of {@code sql} unless one is known already. */
    void putIfAbsent(String sql, T value) {
        synchronized (values) {
            values.putIfAbsent(sql, value);
        }
    }

    T get(String sql) {
        synchronized (values) {
            T known = values.get(sql);
            if (known != null) {
                return known;
            }
        }
        T value = reader.apply(sql); // outside the lock: parsing is the slow part
        synchronized (values) {
            values.put(sql, value);
        }
        return value;
    }
}
