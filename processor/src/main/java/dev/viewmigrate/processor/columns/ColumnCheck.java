package dev.viewmigrate.processor.columns;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.SqliteColumns;
import dev.viewmigrate.processor.sql.SqliteNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks, at compile time, that every column a {@code @View} entity maps is one its view returns: code that expects
 * a column the view no longer has fails the compile instead of the first query in production.
 *
 * <p>A mapped column missing from the view is an error on the attribute. When the view's output columns can't be
 * told from its SQL ({@code SELECT *}, syntax the parser doesn't know), a note on the class says the check was
 * skipped: never a guessed error. A column returned twice is a warning (PostgreSQL refuses such a view, and the
 * processor's reading of the names could in principle be wrong, so it doesn't block the build).
 */
public final class ColumnCheck {
    private final Reporter reporter;
    private final EntityMapping mapping;
    private final EntityMapping otherNaming;
    private final Naming naming;
    private final Dialect dialect;

    public ColumnCheck(Reporter reporter, Elements elements, Types types, Naming naming) {
        this(reporter, elements, types, naming, Dialect.POSTGRESQL);
    }

    /** On SQLite the names are SQLite's ({@link SqliteColumns}) and compare without regard to case. */
    public ColumnCheck(Reporter reporter, Elements elements, Types types, Naming naming, Dialect dialect) {
        this.reporter = reporter;
        this.naming = naming;
        this.dialect = dialect;
        this.mapping = new EntityMapping(elements, types, naming);
        this.otherNaming = new EntityMapping(elements, types, naming.other());
    }

    /** One view to check: its class, its display name and its (canonical) SQL. */
    public record CheckedView(TypeElement type, String view, String sql) {}

    /** Checks each view declared on an entity, in class name order; other classes are left alone. */
    public void check(List<CheckedView> views) {
        List<CheckedView> sorted = new ArrayList<>(views);
        sorted.sort(Comparator.comparing(v -> v.type().getQualifiedName().toString()));
        for (CheckedView view : sorted) {
            if (EntityMapping.isEntity(view.type())) {
                check(view);
            }
        }
    }

    private void check(CheckedView view) {
        String className = view.type().getQualifiedName().toString();
        OutputColumns.Reading reading = dialect == Dialect.SQLITE ? SqliteColumns.read(view.sql())
                : OutputColumns.read(view.sql());
        if (reading.known().isEmpty()) {
            reporter.note(Messages.viewColumnsUnknown(className, view.view(), reading.unknownReason()),
                    Reporter.At.element(view.type()));
            return;
        }
        List<String> returned = reading.known().get();
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < returned.size(); i++) {
            positions.computeIfAbsent(key(returned.get(i)), name -> new ArrayList<>()).add(i + 1);
        }
        List<MappedColumn> columns = mapping.columns(view.type());
        List<MappedColumn> alternatives = null; // the other naming's columns, read only for a missing column's hint
        Map<String, MappedColumn> duplicatesMapped = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            MappedColumn column = columns.get(i);
            Optional<String> found = column.names().stream().map(this::key).filter(positions::containsKey)
                    .findFirst();
            if (found.isPresent()) {
                if (positions.get(found.get()).size() > 1) {
                    duplicatesMapped.putIfAbsent(found.get(), column);
                }
                continue;
            }
            if (alternatives == null) {
                alternatives = otherNaming.columns(view.type());
            }
            // Both mappings list the same attributes in the same order: only names differ.
            MappedColumn alternative = alternatives.size() == columns.size() ? alternatives.get(i) : null;
            reporter.error(Messages.viewColumnMissing(className + "." + column.attribute(), column.expected(),
                    column.derivation(), view.view(), returned, hint(column, alternative, returned)),
                    Reporter.At.element(column.element()));
        }
        positions.forEach((name, at) -> {
            if (at.size() > 1) {
                MappedColumn mapped = duplicatesMapped.get(name);
                String attribute = mapped == null ? null : className + "." + mapped.attribute();
                reporter.warning(Messages.viewColumnDuplicate(view.view(), name, at, attribute),
                        Reporter.At.element(mapped == null ? view.type() : mapped.element()));
            }
        });
    }

    /** The name as the database compares it: SQLite ignores case, PostgreSQL compares the stored names exactly. */
    private String key(String name) {
        return dialect == Dialect.SQLITE ? SqliteNames.fold(name) : name;
    }

    /** A likely cause, when one is visible: a quoted name differing only in case, or the other naming strategy. */
    private String hint(MappedColumn column, MappedColumn alternative, List<String> returned) {
        for (String name : returned) {
            if (name.toLowerCase(Locale.ROOT).equals(column.expected().toLowerCase(Locale.ROOT))
                    && !name.equals(column.expected())) {
                return Messages.viewColumnCaseHint(column.expected(), name);
            }
        }
        if (alternative != null && alternative.attribute().equals(column.attribute())) {
            for (String name : alternative.names()) {
                if (returned.contains(name)) {
                    return Messages.viewColumnNamingHint(naming.other().optionValue(), name);
                }
            }
        }
        return "";
    }
}
