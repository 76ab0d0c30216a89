package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** import through the command line. */
@ExtendWith(PostgresExtension.class)
class CliImportTest {
    @Test
    void import_writesTheClasses_printsWhatItDid_andRefusesToOverwrite(TestDatabase db, @TempDir Path out)
            throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id integer PRIMARY KEY, name text)");
            statement.execute("CREATE VIEW user_names AS SELECT id, name FROM users");
            statement.execute("CREATE VIEW owned AS SELECT 1 AS one");
            statement.execute("ALTER EXTENSION plpgsql ADD VIEW owned");
        }
        String dir = out.toString();

        Result first = CliRunner.runOn(db, null, "import", "--package", "com.example", "--out", dir,
                "--progress-every", "1");

        assertEquals(0, first.exitCode(), first::toString);
        Path file = out.resolve("com/example/UserNames.java");
        assertEquals("Imported view public.user_names -> " + file + "\n"
                + "Skipped public.owned: owned by extension plpgsql, which creates and drops it.\n"
                + "Imported 1 view from schema public, skipped 1; without Hibernate's @Immutable "
                + "(org.hibernate.annotations.Immutable is not on the class path). Next: compile (it freezes them "
                + "into a revision), then 'viewmigrate stamp head'.\n", first.out());
        assertEquals("", first.err(), "no progress line for the last view");
        assertTrue(Files.readString(file).contains("@View(\n        name = \"user_names\",\n"));

        Result again = CliRunner.runOn(db, null, "import", "--package", "com.example", "--out", dir, "--hibernate");

        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().startsWith("viewmigrate import failed: Refusing to import into "
                + out.resolve("com/example") + ": 1 of the 1 classes to write already exist (UserNames.java)."),
                again::toString);

        Result forced = CliRunner.runOn(db, null, "import", "--package", "com.example", "--out", dir, "--hibernate",
                "--force");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().contains("with Hibernate's @Immutable (asked for)"), forced::toString);
        assertTrue(Files.readString(file).contains("@Entity\n@Immutable\n"));
    }

    @Test
    void missingPackage_isAUsageError() {
        Result result = CliRunner.run("import", "--out", "x", "--url", "jdbc:postgresql://localhost/app");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate import: Missing required option: '--package=PKG'"),
                result::toString);
    }
}
