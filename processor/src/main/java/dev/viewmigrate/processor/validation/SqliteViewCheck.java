package dev.viewmigrate.processor.validation;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.extract.ViewDeclaration;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.SqliteNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code @View} may not declare when the migrations are written for SQLite
 * ({@code -Aviewmigrate.dialect=sqlite}), each refused on the attribute at fault: materialized views, indexes, options and comments (SQLite has none of
 * them), a schema other than {@code main}, a name SQLite reserves ({@code sqlite_...}), and two views whose names
 * SQLite takes for the same (it compares names without regard to case).
 *
 * <p>Only {@code main}: the history table lives there and the backups copy the database file; a {@code temp} view
 * vanishes with its connection and an attached database is another file, attached per connection.
 */
final class SqliteViewCheck {
    private final Reporter reporter;

    SqliteViewCheck(Reporter reporter) {
        this.reporter = reporter;
    }

    void check(Map<ViewKey, ViewValidator.ValidView> valid) {
        List<ViewValidator.ValidView> views = new ArrayList<>(valid.values());
        views.sort(Comparator.comparing(view -> view.declaration().className()));
        Map<String, ViewValidator.ValidView> byName = new HashMap<>();
        for (ViewValidator.ValidView view : views) {
            ViewDeclaration declaration = view.declaration();
            String className = declaration.className();
            if (declaration.materialized()) {
                reporter.error(Messages.viewSqliteMaterialized(className), declaration.at("materialized"));
            }
            if (!declaration.indexes().isEmpty()) {
                reporter.error(Messages.viewSqliteIndexes(className), declaration.at("indexes"));
            }
            if (!declaration.options().isEmpty()) {
                reporter.error(Messages.viewSqliteOptions(className), declaration.at("options"));
            }
            if (!declaration.comment().isEmpty()) {
                reporter.error(Messages.viewSqliteComment(className), declaration.at("comment"));
            }
            ViewKey key = view.definition().key();
            if (!SqliteNames.isMain(key.schema())) {
                reporter.error(Messages.viewSqliteSchema(className, key.schema()), declaration.at("schema"));
                continue;
            }
            if (SqliteNames.fold(key.name()).startsWith("sqlite_")) {
                reporter.error(Messages.viewSqliteReservedName(className, key.name()), declaration.at("name"));
                continue;
            }
            ViewValidator.ValidView first = byName.putIfAbsent(SqliteNames.fold(key.name()), view);
            if (first != null) {
                reporter.error(Messages.viewSqliteDuplicateName(className, key.display(),
                        first.declaration().className(), first.definition().key().display()), declaration.at("name"));
            }
        }
    }
}
