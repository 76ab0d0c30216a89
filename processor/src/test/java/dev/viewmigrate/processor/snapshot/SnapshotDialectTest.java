package dev.viewmigrate.processor.snapshot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dialect frozen in revision files: written only for SQLite, read back, and one per chain. */
class SnapshotDialectTest {
    private static final ViewDefinition VIEW = new ViewDefinition(new ViewKey("", "v"), false, true, List.of(),
            List.of(), "SELECT 1 AS one", "com.example.V");

    private static Revision revision(int number, Dialect dialect) {
        return new Revision(number, number - 1, "create view v", String.format("%04d_create_view_v.yaml", number),
                List.of(VIEW), List.of(), Optional.empty(), dialect);
    }

    @Test
    void sqliteRevision_recordsItsDialect_andReadsBack() throws Exception {
        Revision sqlite = revision(1, Dialect.SQLITE);

        String text = SnapshotFormat.write(sqlite);

        assertThat(text).contains("formatVersion: 1\ndialect: sqlite\nrevision: 1\n");
        assertThat(SnapshotFormat.read(sqlite.fileName(), text)).isEqualTo(sqlite);
        assertThat(SnapshotFormat.checksum(sqlite)).isNotEqualTo(SnapshotFormat.checksum(revision(1,
                Dialect.POSTGRESQL)));
    }

    @Test
    void postgresqlRevision_writesNoDialect() throws Exception {
        String text = SnapshotFormat.write(revision(1, Dialect.POSTGRESQL));

        assertThat(text).doesNotContain("dialect");
        String explicit = text.replace("formatVersion: 1\n", "formatVersion: 1\ndialect: postgresql\n");
        assertThat(SnapshotFormat.read("0001_create_view_v.yaml", explicit).dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void unknownDialect_isAnErrorOnItsLine() {
        String text = SnapshotFormat.write(revision(1, Dialect.SQLITE)).replace("dialect: sqlite", "dialect: oracle");

        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class,
                () -> SnapshotFormat.read("0001_create_view_v.yaml", text));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("'dialect' must be one of postgresql, sqlite, found 'oracle'");
    }

    @Test
    void chainOfTwoDialects_isCorrupt_andAChainOfOneMustMatchTheOption() {
        Path directory = Path.of("snapshots");
        List<Revision> mixed = List.of(revision(1, Dialect.SQLITE), revision(2, Dialect.POSTGRESQL));
        List<Revision> sqlite = List.of(revision(1, Dialect.SQLITE), revision(2, Dialect.SQLITE));

        assertThat(ChainDialect.check(mixed, Dialect.SQLITE, directory).orElseThrow())
                .startsWith("[SnapshotCorrupt] " + directory.resolve("0001_create_view_v.yaml")
                        + " was frozen for sqlite but " + directory.resolve("0002_create_view_v.yaml")
                        + " for postgresql");
        assertThat(ChainDialect.check(sqlite, Dialect.SQLITE, directory)).isEmpty();
        assertThat(ChainDialect.check(sqlite, Dialect.POSTGRESQL, directory).orElseThrow())
                .startsWith("[ViewMigrateDialectMismatch]");
        assertThat(ChainDialect.check(List.of(), Dialect.POSTGRESQL, directory)).isEmpty();
    }
}
