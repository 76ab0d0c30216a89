package dev.viewmigrate.test;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A hand-written migration shaped like a generated one: fixed upgrade and downgrade statements, a CRC32 checksum of
 * them, and the views it freezes.
 */
record TestMigration(
        String revision, String description, List<String> up, List<String> down, List<FrozenView> viewsAfter,
        List<ViewName> viewsRemoved) implements Migration {
    TestMigration {
        up = List.copyOf(up);
        down = List.copyOf(down);
        viewsAfter = List.copyOf(viewsAfter);
        viewsRemoved = List.copyOf(viewsRemoved);
    }

    /** A migration without frozen views, like a hand-written table change. */
    static TestMigration sql(String revision, String description, List<String> up, List<String> down) {
        return new TestMigration(revision, description, up, down, List.of(), List.of());
    }

    TestMigration withDown(String... statements) {
        return new TestMigration(revision, description, up, List.of(statements), viewsAfter, viewsRemoved);
    }

    TestMigration withUp(String... statements) {
        return new TestMigration(revision, description, List.of(statements), down, viewsAfter, viewsRemoved);
    }

    TestMigration withRevision(String id) {
        return new TestMigration(id, description, up, down, viewsAfter, viewsRemoved);
    }

    TestMigration withViewsRemoved(String... names) {
        return new TestMigration(revision, description, up, down, viewsAfter,
                java.util.Arrays.stream(names).map(ViewName::of).toList());
    }

    @Override
    public int checksum() {
        CRC32 crc = new CRC32();
        crc.update((revision + "\n" + String.join(";\n", up) + "\n--\n" + String.join(";\n", down))
                .getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        for (String statement : up) {
            context.execute(statement);
        }
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        for (String statement : down) {
            context.execute(statement);
        }
    }
}
