package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import dev.viewmigrate.sql.Identifiers;
import dev.viewmigrate.sql.Literals;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any legal user text survives the whole way: view names, column names and SQL full of what breaks generated Java
 * (a {@code *}{@code /} closing a comment, backslash-u sequences javac would translate, U+2028/U+2029/U+0085 that a
 * code writer takes for line breaks, quotes, backslashes, dollar tags, non-ASCII letters and surrogate pairs) go
 * through the revision file, the generated Java (compiled with a non-UTF-8 encoding), the runtime's steps and
 * PostgreSQL; the SQL that reaches PostgreSQL is exactly the frozen SQL, and PostgreSQL returns exactly the text.
 */
@ExtendWith(PostgresExtension.class)
class GeneratedJavaSafetyTest {
    /** Pieces that have broken generated code somewhere; random names and texts are built from them. */
    private static final List<String> PIECES = List.of("a", "Z", "9", "_", " ", "\"", "'", "\\", "*/", "/*", "//",
            "\\u002a\\u002f", "\\u000a", "\\\\u0022", "\u2028", "\u2029", "\u0085", "\t", "$vm$", "$$", ";", "--",
            "é", "日本", "\uD83D\uDE00", "{@code", "}", "<b>", "&amp;", "%s", "$L", "\n");

    private static final long SEED = 20261130L;

    private record Case(String name, String column, String text) {
        String sql() {
            return "SELECT " + Literals.string(text) + "::text AS " + Identifiers.quote(column);
        }
    }

    @Test
    void anyLegalTextReachesPostgresExactlyAsFrozen(TestDatabase db, @TempDir Path dir) throws Exception {
        List<Case> cases = cases();
        List<ViewDefinition> views = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            views.add(new ViewDefinition(new ViewKey(i % 3 == 0 ? "fuzz" : "", c.name()), false, true, List.of(),
                    List.of(), c.sql(), "com.example.V" + i));
        }
        Revision revision = new Revision(1, 0, "create fuzzed views \u2028 */ \\u002a\\u002f",
                SnapshotFormat.fileName(1, "create fuzzed views"), views, List.of(), List.of());

        // The revision file reads back to the same revision.
        String file = SnapshotFormat.write(revision);
        try {
            assertThat(SnapshotFormat.read(revision.fileName(), file)).isEqualTo(revision);
        } catch (SnapshotFormat.FormatException e) {
            String[] lines = file.split("\n", -1);
            throw new AssertionError("line " + e.line() + ": " + e.getMessage() + "\n"
                    + lines[Math.max(0, e.line() - 1)].replace("\t", "<TAB>"), e);
        }

        List<GeneratedFile> files = GeneratedSources.write(List.of(revision));
        for (GeneratedFile generated : files) {
            assertWithMessage("%s is plain ASCII", generated.name())
                    .that(generated.content().chars().allMatch(ch -> ch < 0x80)).isTrue();
        }
        MigrationCatalog catalog = GeneratedSources.compileAndLoad(files, dir, "ISO-8859-1");
        try (Stream<Path> classes = Files.walk(dir.resolve("classes"))) {
            // No text escaped a comment or a literal to declare a class of its own.
            assertThat(classes.filter(p -> p.toString().endsWith(".class")).map(p -> p.getFileName().toString())
                    .toList()).containsExactly("Revision0001.class", "ViewMigrateCatalog.class");
        }

        // The statements the steps send are the frozen SQL, byte for byte.
        Migration migration = catalog.migrations().get(0);
        List<String> sent = record(migration);
        List<String> expected = new ArrayList<>();
        for (ViewDefinition view : views) {
            expected.add("CREATE VIEW " + Identifiers.qualified(view.key().schema(), view.key().name()) + " AS\n"
                    + view.sql());
        }
        assertThat(sent).containsExactlyElementsIn(expected);

        // And PostgreSQL stores the names and returns the texts exactly.
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA fuzz");
        }
        ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build().upgrade();
        try (Connection connection = db.connect()) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                String schema = i % 3 == 0 ? "fuzz" : "public";
                try (PreparedStatement exists = connection.prepareStatement(
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                + "JOIN pg_attribute a ON a.attrelid = c.oid "
                                + "WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND c.relkind = 'v'")) {
                    exists.setString(1, schema);
                    exists.setString(2, c.name());
                    exists.setString(3, c.column());
                    try (ResultSet row = exists.executeQuery()) {
                        row.next();
                        assertWithMessage("view %s.%s with column %s", schema, c.name(), c.column())
                                .that(row.getInt(1)).isEqualTo(1);
                    }
                }
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("SELECT * FROM "
                                + Identifiers.qualified(schema, c.name()))) {
                    row.next();
                    assertWithMessage("text of %s", c.name()).that(row.getString(1)).isEqualTo(c.text());
                }
            }
        }
        ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build().downgrade("base");
    }

    /** Fixed nasty cases, then random ones from a fixed seed (reproducible). */
    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        cases.add(new Case("w\\u002a\\u002f", "c*/", "*/ class Injected {} /*"));
        cases.add(new Case("line\u2028sep", "para\u2029sep", "next\u0085line"));
        cases.add(new Case("back\\slash", "quote\"d", "it's \\ \"quoted\" $vm$ -- ; /* */"));
        cases.add(new Case("a.b", "x", "dotted name, not a schema"));
        cases.add(new Case("\u65e5\u672c\uD83D\uDE00", "\u00e9", "\uD83D\uDE00\n\tsecond line\n"));
        cases.forEach(c -> names.add(c.name()));
        Random random = new Random(SEED);
        while (cases.size() < 60) {
            String name = identifier(random);
            if (name != null && names.add(name)) {
                String column = identifier(random);
                if (column != null) {
                    cases.add(new Case(name, column, text(random)));
                }
            }
        }
        return cases;
    }

    /** A random name PostgreSQL keeps as it is (no control characters, no edge whitespace, at most 63 bytes). */
    private static String identifier(Random random) {
        StringBuilder name = new StringBuilder();
        int pieces = 1 + random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            String piece = PIECES.get(random.nextInt(PIECES.size()));
            if (!piece.equals("\n") && !piece.equals("\t")) {
                name.append(piece);
            }
        }
        String result = name.toString().strip();
        while (result.getBytes(StandardCharsets.UTF_8).length > Identifiers.MAX_BYTES) {
            result = result.substring(0, result.length() - 1).strip();
        }
        return result.isEmpty() || Identifiers.problem(result).isPresent() ? null : result;
    }

    /** Random text without whitespace at a line's end (canonical SQL trims it) and without NUL or CR. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString().replaceAll("[ \\t\\u000B\\f]+\\n", "\n").replaceAll("[ \\t\\u000B\\f]+$", "");
    }

    /** The statements the migration's upgrade sends, as a test context records them. */
    private static List<String> record(Migration migration) throws Exception {
        List<String> sent = new ArrayList<>();
        MigrationContext context = new MigrationContext() {
            private final ViewSteps steps = new SqlViewSteps(this, false);

            @Override
            public void execute(String sql) {
                sent.add(sql);
            }

            @Override
            public boolean isOffline() {
                return true;
            }

            @Override
            public Optional<Connection> connection() {
                return Optional.empty();
            }

            @Override
            public String revision() {
                return migration.revision();
            }

            @Override
            public boolean isDowngrade() {
                return false;
            }

            @Override
            public ViewSteps views() {
                return steps;
            }
        };
        migration.upgrade(context);
        return sent;
    }
}
