package dev.viewmigrate.processor.snapshot;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Revision files: one per revision, {@code NNNN_<slug>.yaml}, holding the revision's header and its delta. See
 * {@code docs/processor.md} for an example. {@link #write} is canonical: reading a file and writing it again gives
 * the text the checksum is computed over, so line-ending conversions by git do not change a checksum.
 *
 * <p>Reading ({@link #read}) accepts any YAML layout of the same content ({@link YamlRevisionReader}); the layout this
 * class writes is read by {@link CanonicalReader}, without a YAML library, to the same result.
 */
public final class SnapshotFormat {
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".yaml";
    static final Pattern FILE_NAME = Pattern.compile("(\\d{4,})_([a-z0-9_]+)\\.yaml");
    private static final int MAX_SLUG = 60;
    /** The keys of a view's frozen reading (see {@link #fileText}). */
    static final String READS = "reads";
    static final String COLUMNS = "columns";
    static final String COLUMNS_UNKNOWN = "columnsUnknown";
    /** The two comment lines every file starts with (files written by early versions have none). */
    static final String HEADER_COMMENT = "# viewmigrate revision, frozen at compile time. Append-only: never edit or"
            + " delete it once\n# committed; the generated migration and its checksum are derived from this text.\n";

    private SnapshotFormat() {}

    /** {@code 0002_change_view_active_users.yaml}: the number zero-padded to 4 digits and a slug of the text. */
    public static String fileName(int number, String description) {
        String slug = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("_+$", "");
        }
        if (slug.isEmpty()) {
            slug = "revision";
        }
        return String.format(Locale.ROOT, "%04d_%s%s", number, slug, EXTENSION);
    }

    /** CRC32 of the canonical text of the revision, as the int the runtime records. */
    public static int checksum(Revision revision) {
        CRC32 crc = new CRC32();
        crc.update(write(revision).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * The canonical text of a revision: what its checksum is computed over, and what an unchanged amend compares.
     * The file holds this text plus each view's frozen reading ({@link #fileText}), which the checksum leaves out.
     */
    public static String write(Revision revision) {
        return write(revision, null);
    }

    /**
     * The text of a new revision file: the canonical text ({@link #write}) with, after each view's SQL, what the
     * processor read from it (the relations it names, its output columns), so that later compiles don't parse it again.
     */
    public static String fileText(Revision revision) {
        // The readings are PostgreSQL's (JSqlParser's reading, PostgreSQL's column naming): SQLite revisions name
        // their columns by SQLite's rules and are read again on each compile.
        return write(revision, revision.dialect() == Dialect.POSTGRESQL
                ? (out, view) -> writeReading(out, view.sql()) : null);
    }

    /** Writes what follows a view's SQL in a file: its frozen reading. */
    interface ReadingWriter {
        void write(YamlWriter out, ViewDefinition view);
    }

    /** The file text with {@code readings} after each view's SQL; without any (the canonical text) when null. */
    static String write(Revision revision, ReadingWriter readings) {
        YamlWriter out = new YamlWriter()
                .comment("viewmigrate revision, frozen at compile time. Append-only: never edit or delete it once")
                .comment("committed; the generated migration and its checksum are derived from this text.")
                .raw(0, "formatVersion", FORMAT_VERSION);
        if (revision.dialect() != Dialect.POSTGRESQL) {
            // Written only for other databases, so that PostgreSQL revision files (and checksums) keep their text.
            out.raw(0, "dialect", revision.dialect().optionValue());
        }
        out.raw(0, "revision", revision.number());
        if (revision.parent() > 0) {
            out.raw(0, "parent", revision.parent());
        }
        out.scalar(0, "description", revision.description());
        if (revision.handWritten().size() == 1 && !revision.changesViews()) {
            HandWrittenDefinition handWritten = revision.handWritten().get(0);
            out.key(0, "handWritten")
                    .scalar(2, "class", handWritten.className())
                    .scalar(2, "description", handWritten.description());
            return out.toString();
        }
        if (revision.isHandWritten()) {
            // With view changes (or several): a list, run in order between dropping the old views and creating the
            // new ones.
            out.key(0, "handWritten");
            for (HandWrittenDefinition handWritten : revision.handWritten()) {
                out.item(2, "class", handWritten.className())
                        .scalar(4, "description", handWritten.description());
            }
        }
        if (!revision.views().isEmpty()) {
            out.key(0, "views");
            for (ViewDefinition view : revision.views()) {
                out.item(2, "name", view.key().name());
                if (!view.key().schema().isEmpty()) {
                    out.scalar(4, "schema", view.key().schema());
                }
                out.scalar(4, "class", view.originClass());
                if (view.materialized()) {
                    out.raw(4, "materialized", true).raw(4, "withData", view.withData());
                    // Written only when set, so that files frozen before it existed keep their text.
                    if (view.sideBySide()) {
                        out.raw(4, "rebuild", "side-by-side");
                    }
                    if (view.indexes().isEmpty()) {
                        out.emptyList(4, "indexes");
                    } else {
                        out.key(4, "indexes");
                        for (IndexDefinition index : view.indexes()) {
                            out.item(6, "name", index.name())
                                    .flowList(8, "columns", index.columns())
                                    .raw(8, "unique", index.unique());
                            // Written only when set, so that files frozen before these existed keep their text.
                            if (!index.using().isEmpty()) {
                                out.scalar(8, "using", index.using());
                            }
                            if (!index.where().isEmpty()) {
                                out.scalar(8, "where", index.where());
                            }
                            if (!index.include().isEmpty()) {
                                out.flowList(8, "include", index.include());
                            }
                        }
                    }
                }
                if (!view.dependsOn().isEmpty()) {
                    out.key(4, "dependsOn");
                    for (ViewKey dependency : view.dependsOn()) {
                        writeKey(out, 6, dependency);
                    }
                }
                if (!view.options().isEmpty()) {
                    out.flowList(4, "options", view.options());
                }
                if (!view.comment().isEmpty()) {
                    out.scalar(4, "comment", view.comment());
                }
                out.block(4, "sql", view.sql());
                if (readings != null) {
                    readings.write(out, view);
                }
            }
        }
        if (!revision.removed().isEmpty()) {
            out.key(0, "removed");
            for (ViewKey removed : revision.removed()) {
                writeKey(out, 2, removed);
            }
        }
        return out.toString();
    }

    /**
     * What the processor read from {@code sql}: {@code reads} (the relations it names, folded as PostgreSQL folds
     * them; absent when the SQL could not be parsed) and {@code columns} (its output columns) or
     * {@code columnsUnknown} (why they can't be told from the SQL). Not written when a relation's name holds a dot,
     * which {@code schema.name} could not tell apart: that SQL is simply read again by each compile.
     */
    private static void writeReading(YamlWriter out, String sql) {
        ParsedSql parsed = ParsedSql.of(sql);
        Optional<Set<ViewKey>> relations = parsed.relations();
        if (relations.isPresent() && relations.get().stream()
                .anyMatch(key -> key.name().isEmpty() || key.name().contains(".") || key.schema().contains("."))) {
            return;
        }
        relations.ifPresent(keys -> out.flowList(4, READS, keys.stream().map(ViewKey::display).toList()));
        OutputColumns.Reading columns = parsed.outputColumns();
        if (columns.known().isPresent()) {
            out.flowList(4, COLUMNS, columns.names());
        } else {
            out.scalar(4, COLUMNS_UNKNOWN, columns.unknownReason());
        }
    }

    private static void writeKey(YamlWriter out, int indent, ViewKey key) {
        out.item(indent, "name", key.name());
        if (!key.schema().isEmpty()) {
            out.scalar(indent + 2, "schema", key.schema());
        }
    }

    /** A problem in a revision file: the 1-based line (0 when it concerns the whole file) and what is wrong. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        FormatException(int line, String problem) {
            super(problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Parses one revision file; {@code fileName} must already match {@code NNNN_<slug>.yaml}. A file in the exact layout
     * this class writes is read by {@link CanonicalReader} (no YAML library involved); any other file, or one that
     * reader is unsure of, by {@link YamlRevisionReader}, which gives every error its line.
     */
    /**
     * A literal block's SQL with whitespace at the ends of its lines removed. Frozen SQL has none (its canonical form
     * strips it), so this changes nothing in a file the processor wrote; whitespace an editor or a paste added to a
     * line is not an edit of the view: it must not freeze a "change" again or alter the revision's checksum.
     */
    static String withoutTrailingWhitespace(String sql) {
        if (!hasTrailingWhitespace(sql)) {
            return sql; // every file the processor wrote
        }
        StringBuilder out = new StringBuilder(sql.length());
        for (String line : sql.split("\n", -1)) {
            out.append(line.stripTrailing()).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    static boolean hasTrailingWhitespace(String sql) {
        for (int i = sql.indexOf('\n'); i >= 0; i = sql.indexOf('\n', i + 1)) {
            if (i > 0 && Character.isWhitespace(sql.charAt(i - 1)) && sql.charAt(i - 1) != '\n') {
                return true;
            }
        }
        return !sql.isEmpty() && Character.isWhitespace(sql.charAt(sql.length() - 1));
    }

    public static Revision read(String fileName, String text) throws FormatException {
        Revision revision = CanonicalReader.read(fileName, text);
        return revision != null ? revision : YamlRevisionReader.read(fileName, text);
    }
}
