package dev.viewmigrate.processor.validation;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.extract.ViewDeclaration;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.DependencyGraph;
import dev.viewmigrate.processor.sql.ParsedSql;
import dev.viewmigrate.processor.sql.SqliteNames;
import dev.viewmigrate.processor.sql.SqliteText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;

/**
 * Checks the views as a whole, as the code declares them now (those of this compile and those read from class
 * files): a view reading itself or a cycle (PostgreSQL could never create them) is an error; SQL the parser can't
 * read is a warning, because only {@code dependsOn} orders that view then; a materialized view created with data
 * that reads one created without is a warning, because PostgreSQL refuses to fill it.
 */
final class ViewGraphCheck {
    private final Reporter reporter;
    private final Dialect dialect;

    ViewGraphCheck(Reporter reporter) {
        this(reporter, Dialect.POSTGRESQL);
    }

    /** Names resolve as {@code dialect} resolves them. */
    ViewGraphCheck(Reporter reporter, Dialect dialect) {
        this.reporter = reporter;
        this.dialect = dialect;
    }

    void check(Map<ViewKey, ViewDefinition> current, Map<ViewKey, ViewValidator.ValidView> valid) {
        for (ViewValidator.ValidView view : valid.values()) {
            checkReadsItself(view);
        }
        DependencyGraph graph = DependencyGraph.of(current, dialect);
        for (ViewKey key : graph.unparsed()) {
            ViewValidator.ValidView view = valid.get(key);
            if (view != null && !suppressed(view.declaration().type(), Messages.SQL_NOT_PARSED_WARNING)) {
                ViewDeclaration declaration = view.declaration();
                String sql = current.get(key).sql();
                reporter.warning(Messages.viewSqlNotParsed(declaration.className(), key.display(),
                        ParsedSql.parseError(dialect == Dialect.SQLITE ? SqliteText.forParser(sql) : sql)),
                        declaration.at(declaration.value("sql") != null ? "sql" : "sqlResource"));
            }
        }
        graph.cycle().ifPresent(cycle -> {
            String text = String.join(" -> ", cycle.stream().map(ViewKey::display).toList());
            // On the first view of the cycle declared in this compile (a partial build may not see them all).
            Optional<ViewValidator.ValidView> at = cycle.stream().map(valid::get).filter(v -> v != null).findFirst();
            String className = at.map(v -> v.declaration().className())
                    .orElse(current.get(cycle.get(0)).originClass());
            reporter.error(Messages.viewDependencyCycle(className, text),
                    at.map(v -> v.declaration().at()).orElse(Reporter.At.COMPILE));
        });
        for (ViewValidator.ValidView view : valid.values()) {
            checkPopulated(view, current, graph);
        }
    }

    /** A view whose SQL (or dependsOn) names the view itself: PostgreSQL refuses it at upgrade; refuse it now. */
    private void checkReadsItself(ViewValidator.ValidView view) {
        ViewDefinition definition = view.definition();
        ViewKey key = definition.key();
        boolean inSql = ParsedSql.of(dialect == Dialect.SQLITE ? SqliteText.forParser(definition.sql())
                        : definition.sql()).relations()
                .map(relations -> relations.stream().anyMatch(relation -> sameRelation(relation, key)))
                .orElse(false);
        if (inSql) {
            reporter.error(Messages.viewReadsItself(view.declaration().className(), key.display(), "its SQL"),
                    view.declaration().at(view.declaration().value("sql") != null ? "sql" : "sqlResource"));
        } else if (definition.dependsOn().contains(key)) {
            reporter.error(Messages.viewReadsItself(view.declaration().className(), key.display(), "dependsOn"),
                    view.declaration().at("dependsOn"));
        }
    }

    /**
     * Under PostgreSQL's default search_path an unqualified relation is the one in public; SQLite compares names
     * without case, and its managed views all live in main.
     */
    private boolean sameRelation(ViewKey relation, ViewKey view) {
        if (dialect == Dialect.SQLITE) {
            return SqliteNames.isMain(relation.schema()) && SqliteNames.fold(relation.name())
                    .equals(SqliteNames.fold(view.name()));
        }
        return relation.name().equals(view.name()) && namespace(relation).equals(namespace(view));
    }

    private static String namespace(ViewKey key) {
        return key.schema().isEmpty() ? "public" : key.schema();
    }

    /**
     * A materialized view created with data that reads (directly or through plain views) one created without: its
     * first rebuild fails at upgrade ({@code materialized view "x" has not been populated}).
     */
    private void checkPopulated(ViewValidator.ValidView view, Map<ViewKey, ViewDefinition> current,
            DependencyGraph graph) {
        ViewDefinition reader = view.definition();
        if (!reader.materialized() || !reader.withData()) {
            return;
        }
        Set<ViewKey> seen = new TreeSet<>();
        List<ViewKey> pending = new ArrayList<>(graph.dependenciesOf(reader.key()));
        Set<ViewKey> unpopulated = new TreeSet<>();
        while (!pending.isEmpty()) {
            ViewKey key = pending.remove(pending.size() - 1);
            ViewDefinition read = current.get(key);
            if (read == null || !seen.add(key)) {
                continue;
            }
            if (read.materialized()) {
                if (!read.withData()) {
                    unpopulated.add(key);
                }
            } else {
                pending.addAll(graph.dependenciesOf(key)); // a plain view reads through to what it reads
            }
        }
        for (ViewKey key : unpopulated) {
            reporter.warning(Messages.viewReadsUnpopulated(view.declaration().className(), reader.key().display(),
                    key.display()), view.declaration().at());
        }
    }

    private static boolean suppressed(Element element, String warning) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
            if (annotation != null && List.of(annotation.value()).contains(warning)) {
                return true;
            }
        }
        return false;
    }
}
