package dev.viewmigrate.runtime.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.GeneratedMigration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.ViewSteps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

/**
 * SQLite revisions shaped as the processor generates them with {@code -Aviewmigrate.dialect=sqlite}: a view revision
 * is {@code checkDependents}, {@code drop} (dependents first) and {@code create} (dependency order) of the frozen
 * views; a hand-written revision changes no view and runs fixed statements.
 */
public final class SqliteRevision extends GeneratedMigration {
    private final List<FrozenView> dropped;
    private final List<FrozenView> created;
    private final List<String> up;
    private final List<String> down;

    private SqliteRevision(String revision, String description, List<FrozenView> dropped, List<FrozenView> created,
            List<ViewName> removed, List<String> up, List<String> down) {
        super(revision, description, checksum(revision, dropped, created, up, down), created, removed);
        this.dropped = List.copyOf(dropped);
        this.created = List.copyOf(created);
        this.up = List.copyOf(up);
        this.down = List.copyOf(down);
    }

    /** Drops {@code dropped} (the old definitions, dependents first), then creates {@code created} in order. */
    public static SqliteRevision views(String revision, String description, List<FrozenView> dropped,
            List<FrozenView> created) {
        List<ViewName> removed = new ArrayList<>();
        for (FrozenView old : dropped) {
            if (created.stream().noneMatch(v -> v.name().equals(old.name()))) {
                removed.add(old.name());
            }
        }
        return new SqliteRevision(revision, description, dropped, created, removed, List.of(), List.of());
    }

    public static SqliteRevision handWritten(String revision, String description, List<String> up, List<String> down) {
        return new SqliteRevision(revision, description, List.of(), List.of(), List.of(), up, down);
    }

    public static FrozenView view(String name, String sql) {
        return FrozenView.view(ViewName.of(name), sql);
    }

    public static MigrationCatalog catalog(SqliteRevision... revisions) {
        List<dev.viewmigrate.runtime.Migration> list = List.of(revisions);
        return () -> list;
    }

    @Override
    public String dialect() {
        return "sqlite";
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        for (String sql : up) {
            context.execute(sql);
        }
        ViewSteps steps = context.views();
        if (!dropped.isEmpty()) {
            steps.checkDependents(dropped);
            steps.drop(dropped);
        }
        if (!created.isEmpty()) {
            steps.create(created);
        }
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        for (String sql : down) {
            context.execute(sql);
        }
        ViewSteps steps = context.views();
        List<FrozenView> drop = new ArrayList<>(created);
        Collections.reverse(drop);
        List<FrozenView> create = new ArrayList<>(dropped);
        Collections.reverse(create);
        if (!drop.isEmpty()) {
            steps.checkDependents(drop);
            steps.drop(drop);
        }
        if (!create.isEmpty()) {
            steps.create(create);
        }
    }

    private static int checksum(String revision, List<FrozenView> dropped, List<FrozenView> created, List<String> up,
            List<String> down) {
        CRC32 crc = new CRC32();
        StringBuilder text = new StringBuilder(revision);
        dropped.forEach(v -> text.append("\n-").append(v.name()).append(':').append(v.sql()));
        created.forEach(v -> text.append("\n+").append(v.name()).append(':').append(v.sql()));
        up.forEach(s -> text.append("\nup:").append(s));
        down.forEach(s -> text.append("\ndown:").append(s));
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
