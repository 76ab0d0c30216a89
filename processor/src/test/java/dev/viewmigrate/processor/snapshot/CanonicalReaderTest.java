package dev.viewmigrate.processor.snapshot;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The line-based reader of canonical revision files gives exactly what the SnakeYAML reader gives, and leaves every
 * other file (and every file holding something to report) to it.
 */
class CanonicalReaderTest {

    /** What the file holds, read by the SnakeYAML reader: the revision, or the error's line and message. */
    private static String yaml(String fileName, String text) {
        try {
            return YamlRevisionReader.read(fileName, text).toString();
        } catch (SnapshotFormat.FormatException e) {
            return "error at line " + e.line() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return CRASH + e;
        }
    }

    private static final String CRASH = "SnakeYAML Engine failed: ";

    /** The same through {@link SnapshotFormat#read}, whichever reader it takes. */
    private static String read(String fileName, String text) {
        try {
            return SnapshotFormat.read(fileName, text).toString();
        } catch (SnapshotFormat.FormatException e) {
            return "error at line " + e.line() + ": " + e.getMessage();
        }
    }

    private static List<Path> revisionFilesInTheRepository() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources"), Path.of("../example-app/src/main/viewmigrate"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> SnapshotFormat.FILE_NAME.matcher(f.getFileName().toString()).matches())
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyRevisionFileInTheRepository_isReadByTheFastPath_toWhatSnakeYamlReads() throws Exception {
        List<Path> files = revisionFilesInTheRepository();
        assertThat(files.stream().map(f -> f.getFileName().toString()).toList()).containsAtLeast(
                "0001_create_view_active_user.yaml", "0004_change_view_active_authors.yaml",
                "0003_change_view_active_users.yaml");

        int canonicalFiles = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Revision expected = YamlRevisionReader.read(name, text);
            String withHeader = text.startsWith(SnapshotFormat.HEADER_COMMENT) ? text
                    : SnapshotFormat.HEADER_COMMENT + text;
            boolean canonical = withHeader.equals(SnapshotFormat.fileText(expected))
                    || withHeader.equals(SnapshotFormat.write(expected));

            Revision fast = CanonicalReader.read(name, text);

            if (canonical) {
                canonicalFiles++;
                assertWithMessage("%s read by the fast path", file).that(fast).isNotNull();
            }
            if (fast != null) {
                assertWithMessage("%s", file).that(fast).isEqualTo(expected);
            }
            assertWithMessage("%s", file).that(SnapshotFormat.read(name, text)).isEqualTo(expected);
        }
        assertThat(canonicalFiles).isAtLeast(4);
    }

    @Test
    void theFastPath_handsTheFrozenReadingsToParsedSql() throws Exception {
        String sql = "SELECT a AS only_in_canonical_reader_test FROM canonical_reader_probe";
        String text = "formatVersion: 1\nrevision: 1\ndescription: x\nviews:\n  - name: v\n    class: com.example.V\n"
                + "    sql: |-\n      " + sql + "\n    reads: [s.elsewhere, other]\n    columns: [x, \"y z\"]\n";

        assertThat(CanonicalReader.read("0001_create_view_v.yaml", text)).isNotNull();

        ParsedSql parsed = ParsedSql.of(sql);
        assertThat(parsed.relations()).hasValue(Set.of(new ViewKey("s", "elsewhere"), new ViewKey("", "other")));
        assertThat(parsed.outputColumns().known()).hasValue(List.of("x", "y z"));
    }

    /** The writer's choice of plain values is the one its regular expressions made before they were replaced. */
    @Test
    void quote_writesPlainExactlyTheValuesThePatternsAllowed() {
        Pattern plain = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");
        Pattern words = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");
        Random random = new Random(7);
        List<String> values = new ArrayList<>(List.of("", "~", "TRUE", "No", "oN", "y", "Y", "n", "nULL", "off",
                "offf", "yes_", "_", "a.b$c", "1a", "a-b", "é", "a b", "K", "\u212a"));
        String alphabet = "aAzZ_09.$-é yYnN";
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            boolean expected = plain.matcher(value).matches() && !words.matcher(value).matches();
            assertWithMessage("'%s' written plain", value).that(YamlWriter.quote(value).equals(value))
                    .isEqualTo(expected);
        }
    }

    // ---- random revisions, written by the writer, read through both paths ----

    private static final String[] PIECES = {"a", "Z", "_", "q9", ".", "$", " ", "  ", "\"", "\\", "#", ": ", "- ",
        "|", ">", "'", "[", "]", "{", "}", ",", ", ", "&", "*", "!", "%", "@", "`", "\n", "\n\n", "\t", "\r",
        "\u0000", "\u0007", "\u007f", "\u0080", "é", "\u00a0", "\ufffe",
        "日本", "\ud83d\ude00", "true", "null", "~", "-1", "0x1F", "1.5", "---", "...", "% ", "? ", "\\n", "\\u0041",
        "SELECT 1", " AS x", "--"};
    /** Characters SnakeYAML Engine reads in its own way: rarer, so that most cases take the fast path. */
    private static final String[] ODD = {"\u2028", "\u2029", "\u0085", "\ufeff"};
    private static final String[] WORDS = {"", "true", "No", "null", "~", "y", "1", "0.5", "-", " leading",
        "trailing ", "a: b", "# c", "x #y", "\"q\"", "'s'", "back\\slash"};

    /** {@code -DcanonicalReaderTest.seed=...} and {@code -DcanonicalReaderTest.cases=...} explore further. */
    private final Random random = new Random(Long.getLong("canonicalReaderTest.seed", 20261201L));

    private String text() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        if (kind == 1) {
            return "v" + random.nextInt(1000);
        }
        StringBuilder text = new StringBuilder();
        int pieces = kind == 2 ? 300 + random.nextInt(300) : 1 + random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(40) == 0) {
            text.insert(random.nextInt(text.length() + 1), ODD[random.nextInt(ODD.length)]);
        }
        return text.toString();
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            texts.add(text());
        }
        return texts;
    }

    private ViewKey key() {
        return new ViewKey(random.nextInt(3) == 0 ? text() : "", text());
    }

    private String sql() {
        int kind = random.nextInt(4);
        String sql = kind == 0 ? "SELECT 1 AS x" : text();
        if (kind == 1) {
            sql = "SELECT *\n  FROM t\n\n\tWHERE x = '" + sql + "'";
        }
        return sql + " /* " + random.nextLong() + " */"; // each view's own SQL: readings are kept per text
    }

    private ViewDefinition view() {
        boolean materialized = random.nextBoolean();
        List<IndexDefinition> indexes = new ArrayList<>();
        if (materialized) {
            for (int i = random.nextInt(3); i > 0; i--) {
                indexes.add(new IndexDefinition(text(), texts(), random.nextBoolean(),
                        random.nextBoolean() ? "" : text(), random.nextBoolean() ? "" : text(),
                        random.nextBoolean() ? List.of() : texts()));
            }
        }
        List<ViewKey> dependsOn = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            dependsOn.add(key());
        }
        return new ViewDefinition(key(), materialized, !materialized || random.nextBoolean(), indexes, dependsOn,
                sql(), text(), random.nextBoolean() ? List.of() : texts(), random.nextBoolean() ? "" : text(),
                materialized && random.nextBoolean());
    }

    /** A frozen reading for a view, written as {@link SnapshotFormat#fileText} writes readings. */
    private record Reading(List<String> reads, List<String> columns, String columnsUnknown) {}

    private Reading reading() {
        List<String> reads = null;
        if (random.nextInt(4) > 0) {
            reads = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                String name = text().replace(".", "");
                reads.add(name.isEmpty() ? "t" : random.nextBoolean() ? name : "s" + random.nextInt(9) + "." + name);
            }
        }
        return random.nextBoolean() ? new Reading(reads, texts(), null) : new Reading(reads, null, text());
    }

    private Revision revision(int number) {
        List<ViewDefinition> views = new ArrayList<>();
        List<ViewKey> removed = new ArrayList<>();
        List<HandWrittenDefinition> handWritten = new ArrayList<>();
        int shape = random.nextInt(6);
        if (shape == 0) {
            handWritten.add(new HandWrittenDefinition(text(), text()));
        } else {
            for (int i = random.nextInt(4) + (shape == 1 ? 0 : 1); i > 0; i--) {
                views.add(view());
            }
            for (int i = random.nextInt(shape == 1 ? 3 : 2) + (shape == 1 ? 1 : 0); i > 0; i--) {
                removed.add(key());
            }
            for (int i = shape == 2 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
                handWritten.add(new HandWrittenDefinition(text(), text()));
            }
        }
        return new Revision(number, number - 1, text(), SnapshotFormat.fileName(number, "r"), views, removed,
                handWritten, random.nextInt(5) == 0 ? Dialect.SQLITE : Dialect.POSTGRESQL);
    }

    @Test
    void randomRevisions_writtenByTheWriter_readTheSameThroughBothPaths() {
        int fast = 0;
        int cases = Integer.getInteger("canonicalReaderTest.cases", 400);
        for (int i = 0; i < cases; i++) {
            Revision revision = revision(1 + random.nextInt(3));
            Map<ViewDefinition, Reading> readings = new IdentityHashMap<>();
            for (ViewDefinition view : revision.views()) {
                if (random.nextInt(3) > 0) {
                    readings.put(view, reading());
                }
            }
            String text = SnapshotFormat.write(revision, (out, view) -> {
                Reading reading = readings.get(view);
                if (reading != null) {
                    if (reading.reads() != null) {
                        out.flowList(4, "reads", reading.reads());
                    }
                    if (reading.columns() != null) {
                        out.flowList(4, "columns", reading.columns());
                    } else {
                        out.scalar(4, "columnsUnknown", reading.columnsUnknown());
                    }
                }
            });
            if (random.nextBoolean()) {
                text = text.substring(SnapshotFormat.HEADER_COMMENT.length()); // as early files were written
            }
            String name = revision.fileName();

            Revision read = CanonicalReader.read(name, text);
            String expected = yaml(name, text);

            if (read == null) {
                // Left to SnakeYAML: only for text holding a character it reads in its own way, or content its
                // reader does not give back as written (such as SQL ending in a line break, or a block's line
                // ending in whitespace, which canonical SQL never has and the YAML reader drops).
                boolean oddCharacter = text.chars().anyMatch(c -> c == 0x85 || c == 0x2028 || c == 0x2029
                        || c == 0xFEFF);
                boolean sqlEndsInBreak = revision.views().stream().anyMatch(v -> v.sql().endsWith("\n"));
                boolean lineEndsInWhitespace = revision.views().stream()
                        .anyMatch(v -> SnapshotFormat.hasTrailingWhitespace(v.sql()));
                assertWithMessage("case %s left to SnakeYAML:\n%s", i, text)
                        .that(oddCharacter || sqlEndsInBreak || lineEndsInWhitespace).isTrue();
                continue;
            }
            fast++;
            assertWithMessage("case %s:\n%s", i, text).that(read.toString()).isEqualTo(expected);
            assertWithMessage("case %s through SnapshotFormat.read", i).that(read(name, text)).isEqualTo(expected);
            for (int v = 0; v < read.views().size(); v++) {
                ViewDefinition view = read.views().get(v);
                Reading reading = readings.get(revision.views().get(v));
                if (reading != null) {
                    ParsedSql parsed = ParsedSql.of(view.sql());
                    assertThat(parsed.outputColumns()).isEqualTo(new OutputColumns.Reading(reading.columns(),
                            reading.columnsUnknown()));
                    assertThat(parsed.relations()).isEqualTo(reading.reads() == null ? Optional.empty()
                            : Optional.of(relations(reading.reads())));
                }
            }
        }
        System.err.println(fast + " of " + cases + " random revisions read by the fast path");
        assertWithMessage("cases read by the fast path").that(fast).isAtLeast(cases / 2);
    }

    private static Set<ViewKey> relations(List<String> reads) {
        Set<ViewKey> keys = new TreeSet<>();
        for (String relation : reads) {
            int dot = relation.indexOf('.');
            keys.add(dot < 0 ? new ViewKey("", relation)
                    : new ViewKey(relation.substring(0, dot), relation.substring(dot + 1)));
        }
        return keys;
    }

    // ---- hand-edited files: left to SnakeYAML, with today's results and messages ----

    private static final String NAME = "0002_change_view_a.yaml";
    private static final String CANONICAL = SnapshotFormat.HEADER_COMMENT + """
            formatVersion: 1
            revision: 2
            parent: 1
            description: "change view a"
            views:
              - name: a
                schema: Reports
                class: com.example.A
                materialized: true
                withData: true
                indexes:
                  - name: a_id_key
                    columns: [id, "lower(name)"]
                    unique: true
                options: ["security_barrier=true"]
                comment: "the a: view"
                sql: |-
                  SELECT id, name
                  FROM t
                reads: [t]
                columns: [id, name]
            removed:
              - name: old
            """;

    @Test
    void characterOutsideTheBmp_atAnyOffset_isReadBySnakeYaml() throws Exception {
        // SnakeYAML Engine 2.10 alone fails with an IndexOutOfBoundsException when a surrogate pair straddles the
        // end of its 1,024-character read buffer; a hand-edited file (here: a comment line) takes that reader.
        for (int pad = 980; pad < 1060; pad++) {
            for (int extra : new int[] {0, 1024}) {
                String sql = "SELECT 1 AS a -- " + "x".repeat(pad + extra) + "\uD83D\uDE00 \uD834\uDD1E end";
                String canonical = CANONICAL.replace("SELECT id, name\n      FROM t", sql);
                String handEdited = canonical.replace("views:\n", "# edited by hand\nviews:\n");
                assertWithMessage("pad %s", pad).that(CanonicalReader.read(NAME, handEdited)).isNull();

                Revision read = YamlRevisionReader.read(NAME, handEdited);

                assertWithMessage("pad %s", pad).that(read.views().get(0).sql()).isEqualTo(sql);
                assertWithMessage("pad %s", pad).that(read).isEqualTo(YamlRevisionReader.read(NAME, canonical));
            }
        }
    }

    @Test
    void theCanonicalSample_isReadByTheFastPath() throws Exception {
        Revision read = CanonicalReader.read(NAME, CANONICAL);

        assertThat(read).isNotNull();
        assertThat(read).isEqualTo(YamlRevisionReader.read(NAME, CANONICAL));
        assertThat(read.views().get(0).comment()).isEqualTo("the a: view");
    }

    @Test
    void handEditedLayouts_areLeftToSnakeYaml_andReadAsToday() {
        List<String> variants = List.of(
                CANONICAL.replace("formatVersion: 1\n", "formatVersion: 1  # the format\n"),
                CANONICAL.replace("views:\n", "# a note\nviews:\n"),
                CANONICAL.replace("revision: 2\nparent: 1\n", "parent: 1\nrevision: 2\n"),
                CANONICAL.replace("    schema: Reports\n    class: com.example.A\n",
                        "    class: com.example.A\n    schema: Reports\n"),
                CANONICAL.replace("removed:\n  - name: old\n", "removed: [{name: old}]\n"),
                CANONICAL.replace("columns: [id, \"lower(name)\"]", "columns:\n          - id\n          - lower(name)"),
                CANONICAL.replace("description: \"change view a\"", "description: 'change view a'"),
                CANONICAL.replace("schema: Reports", "schema: \"Reports\""),
                CANONICAL.replace("sql: |-\n", "sql: |\n"),
                CANONICAL.replace("sql: |-\n      SELECT id, name\n      FROM t\n",
                        "sql: |-\n        SELECT id, name\n        FROM t\n"),
                CANONICAL.replace("\n", "\r\n"),
                CANONICAL.replace("unique: true\n", "unique: true \n"),
                "\ufeff" + CANONICAL,
                CANONICAL.substring(0, CANONICAL.length() - 1),
                CANONICAL + "\n",
                CANONICAL.replace("withData: true", "withData: True"),
                CANONICAL.replace("comment: \"the a: view\"", "comment: \"the a\\x3a view\""),
                CANONICAL.replace("# committed;", "#  committed;"),
                CANONICAL.replace("reads: [t]", "reads: [ t ]"));
        for (String text : variants) {
            assertWithMessage("left to SnakeYAML:\n%s", text).that(CanonicalReader.read(NAME, text)).isNull();
            assertWithMessage("read as today:\n%s", text).that(read(NAME, text)).isEqualTo(yaml(NAME, text));
        }
        // Most of them are the same revision as the canonical text.
        assertThat(read(NAME, CANONICAL.replace("\n", "\r\n"))).isEqualTo(read(NAME, CANONICAL));
        assertThat(read(NAME, "\ufeff" + CANONICAL)).isEqualTo(read(NAME, CANONICAL));
    }

    @Test
    void canonicalLayoutsHoldingAnError_areLeftToSnakeYaml_withTodaysLineAndMessage() {
        String view = "views:\n  - name: v\n    class: C\n    sql: |-\n      SELECT 1 AS a\n";
        List<String[]> cases = List.of(
                new String[] {"0002_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n" + view},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\nparent: 3\ndescription: x\n" + view},
                new String[] {"0002_x.yaml", "formatVersion: 1\nrevision: 2\ndescription: x\n" + view},
                new String[] {"0000_x.yaml", "formatVersion: 1\nrevision: 0\ndescription: x\n" + view},
                new String[] {"0001_x.yaml", "formatVersion: 2\nrevision: 1\ndescription: x\n" + view},
                new String[] {"0001_x.yaml", "formatVersion: 1\ndialect: oracle\nrevision: 1\ndescription: x\n"
                        + view},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n" + view
                        + "    reads: [t]\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n" + view
                        + "    reads: [a.b.c]\n    columns: [a]\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n" + view
                        + "    reads: [.b]\n    columns: [a]\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n" + view
                        + "    columns: [a]\n    columnsUnknown: why\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n"
                        + "views:\n  - name: v\n    class: C\n    rebuild: side-by-side\n    sql: |-\n      SELECT 1\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\nhandWritten:\n"
                        + "  class: com.example.M\n  description: m\n" + view},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n"
                        + "views:\n  - name: v\n    class: C\n    sql: SELECT 1\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: \"\"\n"
                        + "removed:\n  - name: v\n    name: w\n"},
                new String[] {"0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: null\n"
                        + "removed:\n  - name: v\n"});
        for (String[] c : cases) {
            String expected = yaml(c[0], c[1]);
            assertWithMessage("SnakeYAML's reading of:\n%s", c[1]).that(expected).startsWith("error at line ");
            assertWithMessage("left to SnakeYAML:\n%s", c[1]).that(CanonicalReader.read(c[0], c[1])).isNull();
            assertWithMessage("read as today:\n%s", c[1]).that(read(c[0], c[1])).isEqualTo(expected);
        }
    }
}
