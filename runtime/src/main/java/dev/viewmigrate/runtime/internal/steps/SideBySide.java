package dev.viewmigrate.runtime.internal.steps;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.sql.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The SQL of a side-by-side rebuild of a materialized view: build the new definition under a temporary name with its
 * indexes (temporary names too, since the old view's indexes still hold the declared ones) and statistics, then,
 * after the old view is dropped, rename the new one and its indexes to the declared names. Comments and options are
 * created on the new view directly and survive the renames.
 */
public final class SideBySide {
    /** Appended to the declared names while the new view is being built. */
    static final String SUFFIX = "__vm_new";

    private SideBySide() {}

    /** {@code CREATE MATERIALIZED VIEW <name>__vm_new ... WITH DATA}, its comment, indexes, {@code ANALYZE}. */
    public static List<String> build(FrozenView view) {
        check(view);
        ViewName temporary = temporaryName(view.name());
        List<String> statements = new ArrayList<>(ViewDdl.create(withoutIndexes(view), temporary, false));
        for (FrozenIndex index : view.indexes()) {
            statements.add(ViewDdl.createIndex(index, Identifiers.quote(temporary(index.name())), temporary.sql()));
        }
        statements.add("ANALYZE " + temporary.sql());
        return statements;
    }

    /** {@code ALTER MATERIALIZED VIEW <name>__vm_new RENAME TO <name>}, then each index to its declared name. */
    public static List<String> swap(FrozenView view) {
        check(view);
        List<String> statements = new ArrayList<>();
        statements.add("ALTER MATERIALIZED VIEW " + temporaryName(view.name()).sql() + " RENAME TO "
                + Identifiers.quote(view.name().name()));
        for (FrozenIndex index : view.indexes()) {
            statements.add("ALTER INDEX " + ViewDdl.indexName(view.name(), temporary(index.name())) + " RENAME TO "
                    + Identifiers.quote(index.name()));
        }
        return statements;
    }

    /** The view's temporary name, in its schema. */
    public static ViewName temporaryName(ViewName name) {
        String temporary = temporary(name.name());
        return name.schema().map(schema -> ViewName.of(schema, temporary)).orElseGet(() -> ViewName.of(temporary));
    }

    /**
     * {@code name__vm_new}, or, when that would pass PostgreSQL's 63 bytes, the name cut at a character boundary
     * followed by 8 hex digits of its CRC-32 and the suffix, so that two long names sharing a prefix stay apart.
     */
    static String temporary(String name) {
        String plain = name + SUFFIX;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= Identifiers.MAX_BYTES) {
            return plain;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String tail = "_" + String.format("%08x", crc.getValue()) + SUFFIX;
        int budget = Identifiers.MAX_BYTES - tail.length();
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return prefix + tail;
    }

    private static FrozenView withoutIndexes(FrozenView view) {
        return view.withIndexes();
    }

    private static void check(FrozenView view) {
        if (!view.materialized() || !view.withData()) {
            throw new IllegalArgumentException("a side-by-side rebuild needs a materialized view created WITH DATA, not "
                    + view.describe() + (view.materialized() ? " (WITH NO DATA)" : ""));
        }
    }
}
