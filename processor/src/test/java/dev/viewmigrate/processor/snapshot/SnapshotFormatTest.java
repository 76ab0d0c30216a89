package dev.viewmigrate.processor.snapshot;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {
    private static final ViewDefinition AWKWARD = new ViewDefinition(new ViewKey("Report \"x\"", "yes"), true, false,
            List.of(new IndexDefinition("i", List.of("a", "lower(\"B\")"), true)),
            List.of(new ViewKey("", "base"), new ViewKey("s", "other")),
            "  SELECT a, -- # not a comment for YAML\n\n\tb: c\nFROM t\n  WHERE x = '|-'", "com.example.Odd$Name");

    @Test
    void writeThenRead_returnsTheSameRevisionAndTheSameText() throws Exception {
        Revision revision = new Revision(3, 2, "change view \"yes\": it's odd", "0003_change_view_yes.yaml",
                List.of(AWKWARD), List.of(new ViewKey("", "true"), new ViewKey("x", "null")), List.of());

        String text = SnapshotFormat.write(revision);
        Revision read = SnapshotFormat.read("0003_change_view_yes.yaml", text);

        assertThat(read).isEqualTo(revision);
        assertThat(SnapshotFormat.write(read)).isEqualTo(text);
        assertThat(SnapshotFormat.checksum(read)).isEqualTo(SnapshotFormat.checksum(revision));
    }

    @Test
    void sideBySideRebuild_isWrittenOnlyWhenSet_andReadBack() throws Exception {
        ViewDefinition sideBySide = new ViewDefinition(new ViewKey("", "daily"), true, true, List.of(), List.of(),
                "SELECT 1 AS x", "com.example.Daily", List.of(), "", true);
        Revision revision = new Revision(1, 0, "create view daily", "0001_create_view_daily.yaml",
                List.of(sideBySide), List.of(), List.of());

        String text = SnapshotFormat.write(revision);

        assertThat(text).contains("\n    rebuild: side-by-side\n");
        assertThat(SnapshotFormat.read("0001_create_view_daily.yaml", text)).isEqualTo(revision);
        assertThat(SnapshotFormat.write(new Revision(1, 0, "create view daily", "0001_create_view_daily.yaml",
                List.of(AWKWARD), List.of(), List.of()))).doesNotContain("rebuild");
        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class, () ->
                SnapshotFormat.read("0001_create_view_daily.yaml", text.replace("side-by-side", "sideways")));
        assertThat(e).hasMessageThat().contains("rebuild is sideways");
    }

    @Test
    void newFiles_carryWhatWasReadFromEachSql_whichTheChecksumLeavesOut() throws Exception {
        ViewDefinition joined = new ViewDefinition(new ViewKey("", "joined"), false, true, List.of(), List.of(),
                "SELECT o.id AS order_id, c.name\nFROM orders o JOIN S.\"Customers\" c ON c.id = o.customer_id",
                "com.example.Joined");
        ViewDefinition star = new ViewDefinition(new ViewKey("", "everything"), false, true, List.of(), List.of(),
                "SELECT * FROM orders", "com.example.Everything");
        Revision revision = new Revision(1, 0, "create views", "0001_create_views.yaml", List.of(joined, star),
                List.of(), List.of());

        String text = SnapshotFormat.fileText(revision);

        assertThat(text).contains("    reads: [orders, s.Customers]\n    columns: [order_id, name]\n");
        assertThat(text).contains("    reads: [orders]\n    columnsUnknown: \"select item 1 (*) takes its columns");
        Revision read = SnapshotFormat.read("0001_create_views.yaml", text);
        assertThat(read).isEqualTo(revision);
        assertThat(SnapshotFormat.fileText(read)).isEqualTo(text);
        assertThat(SnapshotFormat.write(read)).isEqualTo(SnapshotFormat.write(revision));
        assertThat(SnapshotFormat.write(read)).doesNotContain("reads:");
        CRC32 crc = new CRC32();
        crc.update(SnapshotFormat.write(revision).getBytes(StandardCharsets.UTF_8));
        assertThat(SnapshotFormat.checksum(read)).isEqualTo((int) crc.getValue());
    }

    @Test
    void aFrozenReading_isWhatLaterCompilesUse_theSqlIsNotParsedAgain() throws Exception {
        // Readings that differ from the SQL's on purpose (and a text no other test parses): seen through ParsedSql,
        // they can only come from the file.
        String sql = "SELECT a AS only_in_frozen_reading_test FROM frozen_reading_probe";
        SnapshotFormat.read("0001_create_view_v.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\nviews:\n"
                + "  - name: v\n    class: com.example.V\n    sql: |-\n      " + sql + "\n"
                + "    reads: [s.elsewhere]\n    columns: [x, y]\n");

        ParsedSql parsed = ParsedSql.of(sql);

        assertThat(parsed.relations()).hasValue(java.util.Set.of(new ViewKey("s", "elsewhere")));
        assertThat(parsed.outputColumns().known()).hasValue(List.of("x", "y"));
    }

    @Test
    void aReadingWithoutItsColumns_orWithBothColumnKeys_orABadRelation_isCorrupt() {
        String view = "formatVersion: 1\nrevision: 1\ndescription: x\nviews:\n  - name: v\n    class: C\n"
                + "    sql: |-\n      SELECT 1 AS a\n";

        SnapshotFormat.FormatException readsAlone = corrupt(view + "    reads: [t]\n");
        SnapshotFormat.FormatException both = corrupt(view + "    columns: [a]\n    columnsUnknown: why\n");
        SnapshotFormat.FormatException badName = corrupt(view + "    reads: [a.b.c]\n    columns: [a]\n");

        assertThat(readsAlone.line()).isEqualTo(9);
        assertThat(readsAlone).hasMessageThat().isEqualTo("'reads' goes with 'columns' or 'columnsUnknown'; delete"
                + " the three keys and the processor reads the SQL again");
        assertThat(both.line()).isEqualTo(10);
        assertThat(both).hasMessageThat().startsWith("a view has 'columns' or 'columnsUnknown', not both");
        assertThat(badName).hasMessageThat().startsWith("'reads' holds 'a.b.c', which is not name or schema.name");
    }

    @Test
    void readingIgnoresCrlfLineEndingsSoTheChecksumSurvivesGitAutocrlf() throws Exception {
        Revision revision = new Revision(1, 0, "create view yes", "0001_create_view_yes.yaml", List.of(AWKWARD),
                List.of(), List.of());
        String crlf = SnapshotFormat.write(revision).replace("\n", "\r\n");

        Revision read = SnapshotFormat.read("0001_create_view_yes.yaml", crlf);

        assertThat(SnapshotFormat.checksum(read)).isEqualTo(SnapshotFormat.checksum(revision));
    }

    @Test
    void trailingWhitespaceAddedToSqlLines_isNoEdit_soNothingIsFrozenAgainAndTheChecksumStays() throws Exception {
        // Frozen SQL never ends a line in whitespace (the canonical form strips it); an editor or a paste that adds
        // some must not turn into a "changed" view (a spurious revision) or a checksum the runtime refuses.
        Revision revision = new Revision(1, 0, "create view yes", "0001_create_view_yes.yaml", List.of(AWKWARD),
                List.of(), List.of());
        String text = SnapshotFormat.write(revision);
        String sqlLinesOnly = text.replace("FROM t\n", "FROM t  \n").replace("b: c\n", "b: c\t\n");
        String everyLine = text.replace("\n", " \n");

        for (String edited : List.of(sqlLinesOnly, everyLine)) {
            Revision read = SnapshotFormat.read("0001_create_view_yes.yaml", edited);

            assertThat(read.views().get(0).sql()).isEqualTo(AWKWARD.sql());
            assertThat(SnapshotFormat.checksum(read)).isEqualTo(SnapshotFormat.checksum(revision));
        }
    }

    @Test
    void fileName_isPaddedNumberAndSlug() {
        assertThat(SnapshotFormat.fileName(2, "Change view Active-Users!")).isEqualTo("0002_change_view_active_users.yaml");
        assertThat(SnapshotFormat.fileName(12345, "***")).isEqualTo("12345_revision.yaml");
    }

    @Test
    void unknownKey_isReportedWithItsLine() {
        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class, () ->
                SnapshotFormat.read("0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\ncolour: red\n"));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e).hasMessageThat().isEqualTo("unknown key 'colour'");
    }

    @Test
    void revisionNumberMustMatchTheFileName() {
        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class, () ->
                SnapshotFormat.read("0002_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n"
                        + "removed:\n  - name: v\n"));

        assertThat(e).hasMessageThat().isEqualTo("revision 1 does not match the number 0002 in the file name");
    }

    /** Revision files committed with the code: the example app's, and this module's expected output. */
    private static List<Path> committedRevisionFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path directory : List.of(Path.of("../example-app/src/main/viewmigrate"),
                Path.of("src/test/resources/expected"))) {
            try (Stream<Path> list = Files.list(directory)) {
                list.filter(f -> SnapshotFormat.FILE_NAME.matcher(f.getFileName().toString()).matches())
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void committedRevisionFiles_readAndRewriteByteForByte_soTheirChecksumsStay() throws Exception {
        List<Path> files = committedRevisionFiles();
        assertThat(files.stream().map(f -> f.getFileName().toString()).toList()).containsAtLeast(
                "0001_create_tables_users_and_posts.yaml", "0002_create_view_active_users.yaml",
                "0003_change_view_active_users.yaml", "0001_create_view_active_user.yaml");

        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            Revision revision = SnapshotFormat.read(file.getFileName().toString(),
                    new String(bytes, StandardCharsets.UTF_8));

            // Files frozen before readings were written hold the canonical text; newer ones add the readings.
            boolean readings = new String(bytes, StandardCharsets.UTF_8).contains("\n    columns");
            String rewritten = readings ? SnapshotFormat.fileText(revision) : SnapshotFormat.write(revision);
            assertWithMessage("%s rewritten", file).that(rewritten.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
            CRC32 crc = new CRC32();
            crc.update(SnapshotFormat.write(revision).getBytes(StandardCharsets.UTF_8));
            assertWithMessage("%s checksum", file).that(SnapshotFormat.checksum(revision))
                    .isEqualTo((int) crc.getValue());
        }
    }

    @Test
    void handEditedLayout_readsAsTheSameRevision() throws Exception {
        Revision canonical = SnapshotFormat.read("0002_change_view_a.yaml", """
                formatVersion: 1
                revision: 2
                parent: 1
                description: "change view a"
                views:
                  - name: a
                    schema: "Reports"
                    class: com.example.A
                    materialized: true
                    withData: true
                    indexes:
                      - name: a_id_key
                        columns: [id, "lower(name)"]
                        unique: true
                    sql: |-
                      SELECT id, name
                      FROM t
                removed:
                  - name: old
                """);
        // Other indentation, single quotes, trailing comments, a block list, keep chomping: the same content.
        Revision edited = SnapshotFormat.read("0002_change_view_a.yaml", """
                formatVersion: 1   # the format
                revision: 2
                parent: 1
                description: 'change view a'
                views:
                -   name: a
                    schema: Reports
                    class: 'com.example.A'
                    materialized: true
                    withData: true
                    indexes:
                    -   name: a_id_key
                        columns:
                        - id
                        - 'lower(name)'
                        unique: true
                    sql: |
                        SELECT id, name
                        FROM t

                removed: [{name: old}]
                """);

        assertThat(edited).isEqualTo(canonical);
        assertThat(SnapshotFormat.write(edited)).isEqualTo(SnapshotFormat.write(canonical));
    }

    @Test
    void sqlWithAControlCharacter_isWrittenQuotedAndReadBack() throws Exception {
        ViewDefinition view = new ViewDefinition(new ViewKey("", "v"), false, true, List.of(), List.of(),
                "SELECT '\u0007\u0085' AS bell", "com.example.V");
        Revision revision = new Revision(1, 0, "create view v \u0080", "0001_create_view_v.yaml", List.of(view),
                List.of(), List.of());

        String text = SnapshotFormat.write(revision);

        assertThat(text).contains("description: \"create view v \\u0080\"\n");
        assertThat(text).contains("sql: \"SELECT '\\u0007\u0085' AS bell\"\n");
        assertThat(SnapshotFormat.read("0001_create_view_v.yaml", text)).isEqualTo(revision);
    }

    private static SnapshotFormat.FormatException corrupt(String text) {
        return assertThrows(SnapshotFormat.FormatException.class, () -> SnapshotFormat.read("0001_x.yaml", text));
    }

    @Test
    void quotedNumber_isReportedAsQuotedText() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: \"1\"\ndescription: x\n");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e).hasMessageThat().isEqualTo("'revision' must be a number, found the quoted text \"1\";"
                + " remove the quotes");
    }

    @Test
    void quotedBoolean_isReportedAsQuotedText() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: 1\ndescription: x\nviews:\n"
                + "  - name: v\n    class: V\n    materialized: 'true'\n    sql: |-\n      SELECT 1\n");

        assertThat(e.line()).isEqualTo(7);
        assertThat(e).hasMessageThat().isEqualTo("'materialized' must be true or false, found the quoted text \"true\";"
                + " remove the quotes");
    }

    @Test
    void invalidYaml_namesTheLineAndWhatTheParserFound() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: 1\ndescription: \"x\n"
                + "removed:\n  - name: v\n");

        assertThat(e.line()).isGreaterThan(2);
        assertThat(e).hasMessageThat().startsWith("not valid YAML: ");
        assertThat(e).hasMessageThat().contains("while scanning a quoted scalar");
    }

    @Test
    void badIndentation_isInvalidYamlOnItsLine() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: 1\n  description: x\n");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessageThat().startsWith("not valid YAML: mapping values are not allowed here");
    }

    @Test
    void duplicateKey_isReportedOnItsSecondLine() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: 1\ndescription: x\n"
                + "removed:\n  - name: v\n    name: w\n");

        assertThat(e.line()).isEqualTo(6);
        assertThat(e).hasMessageThat().isEqualTo("duplicate key 'name'");
    }

    @Test
    void emptyValue_isMissingItsValue() {
        SnapshotFormat.FormatException e = corrupt("formatVersion: 1\nrevision: 1\ndescription:\n"
                + "removed:\n  - name: v\n");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessageThat().isEqualTo("'description' has no value");
    }

    @Test
    void emptyFile_andAFileThatIsNoMapping_areCorrupt() {
        assertThat(corrupt("# only a comment\n")).hasMessageThat().isEqualTo("the file is empty");
        SnapshotFormat.FormatException list = corrupt("- formatVersion: 1\n");
        assertThat(list.line()).isEqualTo(1);
        assertThat(list).hasMessageThat().isEqualTo("the file must be a mapping of keys to values");
    }
}
