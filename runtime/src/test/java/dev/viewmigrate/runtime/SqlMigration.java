package dev.viewmigrate.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A hand-written migration whose body is two fixed lists of statements, as a generated migration's is. The checksum
 * is the CRC32 of its content, like the processor's, so that editing a statement changes it.
 */
public record SqlMigration(String revision, String description, List<String> up, List<String> down)
        implements Migration {
    public SqlMigration {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    public static SqlMigration of(String revision, String description, String up, String down) {
        return new SqlMigration(revision, description, List.of(up), List.of(down));
    }

    @Override
    public int checksum() {
        CRC32 crc = new CRC32();
        crc.update((revision + "\n" + description + "\n" + String.join("\n;\n", up) + "\n--\n"
                + String.join("\n;\n", down)).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        for (String sql : up) {
            context.execute(sql);
        }
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        for (String sql : down) {
            context.execute(sql);
        }
    }

    /** The same revision with other upgrade statements (and so another checksum): an edited frozen revision. */
    public SqlMigration withUp(String... statements) {
        return new SqlMigration(revision, description, List.of(statements), down);
    }
}
