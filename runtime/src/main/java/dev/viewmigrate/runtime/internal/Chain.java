package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated, ordered chain of migrations. Position {@code i} (0-based) holds the revision that is current once
 * {@code i + 1} revisions are applied; "state {@code n}" below means "the first {@code n} revisions applied".
 */
public final class Chain {
    private final List<Migration> migrations;
    private final Map<String, Integer> positions;

    private Chain(List<Migration> migrations, Map<String, Integer> positions) {
        this.migrations = migrations;
        this.positions = positions;
    }

    /**
     * The catalog's class name, or, for a lambda or other hidden class (whose name, e.g. {@code Foo$$Lambda$229/0x...},
     * tells a reader nothing), where it came from.
     */
    static String describe(MigrationCatalog catalog) {
        Class<?> type = catalog.getClass();
        return type.isHidden() || type.isSynthetic() || type.isAnonymousClass()
                ? "the catalog given to ViewMigrator.Builder.catalog(...) (a lambda or anonymous class)"
                : type.getName();
    }

    /**
     * Reads and checks the catalog's chain: every revision id present, unique, and not one of the words that the
     * target syntax gives a meaning ({@code head}, {@code base}, {@code +N}, {@code -N}), which would make
     * {@code upgrade 2} or {@code downgrade base} ambiguous.
     */
    public static Chain of(MigrationCatalog catalog) {
        String source = describe(catalog);
        List<Migration> list = catalog.migrations();
        if (list == null) {
            throw Messages.catalogReturnedNull(source);
        }
        List<Migration> migrations = new ArrayList<>(list.size());
        Map<String, Integer> positions = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            Migration migration = list.get(i);
            if (migration == null) {
                throw Messages.nullMigration(source, i + 1);
            }
            String id = migration.revision();
            String where = migration.getClass().getName() + " (position " + (i + 1) + " in " + source + ")";
            if (id == null || id.isBlank()) {
                throw Messages.blankRevisionId(where);
            }
            if (!id.equals(id.strip()) || id.equals("head") || id.equals("base") || id.startsWith("+")
                    || id.startsWith("-")) {
                throw Messages.ambiguousRevisionId(where, id);
            }
            Integer previous = positions.putIfAbsent(id, i);
            if (previous != null) {
                throw Messages.duplicateRevisionId(id, source, previous + 1, migrations.get(previous), i + 1,
                        migration);
            }
            migrations.add(migration);
        }
        return new Chain(List.copyOf(migrations), Map.copyOf(positions));
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public int size() {
        return migrations.size();
    }

    public Migration get(int index) {
        return migrations.get(index);
    }

    /** 0-based position of {@code revision}, or -1 when the chain does not have it. */
    public int indexOf(String revision) {
        Integer index = positions.get(revision);
        return index == null ? -1 : index;
    }

    /** The revision id that is current in state {@code n}; "base" for 0. */
    public String stateName(int n) {
        return n == 0 ? "base" : migrations.get(n - 1).revision();
    }

    /** "revision 2 (create view b)". */
    public static String describe(Migration migration) {
        return "revision " + migration.revision() + " (" + migration.description() + ")";
    }

    /** Revision ids of states {@code from+1 .. to}, abbreviated in the middle when there are many. */
    public String idsBetween(int from, int to) {
        if (to <= from) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        int count = to - from;
        for (int i = from; i < to; i++) {
            if (count > 12 && i == from + 5) {
                out.append(", ... (").append(count - 10).append(" more)");
                i = to - 5;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(migrations.get(i).revision());
        }
        return out.toString();
    }
}
