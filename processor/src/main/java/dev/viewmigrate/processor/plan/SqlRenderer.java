package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.ViewDefinition;
import java.util.ArrayList;
import java.util.List;

/** The SQL statements of a {@link Step}, each without a trailing semicolon, frozen into the generated class. */
public final class SqlRenderer {
    private SqlRenderer() {}

    public static List<String> statements(Step step) {
        // Java 17: no pattern matching in switch yet.
        if (step instanceof Step.CreateView create) {
            return create(create.view());
        } else if (step instanceof Step.DropView drop) {
            return List.of(drop(drop.view()));
        } else if (step instanceof Step.RecreateView recreate) {
            List<String> statements = new ArrayList<>();
            statements.add(drop(recreate.from()));
            statements.addAll(create(recreate.to()));
            return statements;
        } else if (step instanceof Step.ReplaceView replace) {
            return List.of(guardedReplace(replace.from(), replace.to()));
        } else if (step instanceof Step.RunHandWritten) {
            return List.of(); // the writer calls the class instead
        }
        throw new IllegalArgumentException("unknown step " + step);
    }

    static List<String> create(ViewDefinition view) {
        String name = Identifiers.qualified(view.key());
        if (!view.materialized()) {
            return List.of("CREATE VIEW " + name + " AS\n" + view.sql());
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE MATERIALIZED VIEW " + name + " AS\n" + view.sql() + "\nWITH "
                + (view.withData() ? "DATA" : "NO DATA"));
        for (IndexDefinition index : view.indexes()) {
            statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + Identifiers.quote(index.name())
                    + " ON " + name + " (" + String.join(", ", index.columns()) + ")");
        }
        return statements;
    }

    static String drop(ViewDefinition view) {
        return "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + Identifiers.qualified(view.key());
    }

    /**
     * One {@code DO} block: {@code CREATE OR REPLACE VIEW}; if PostgreSQL refuses it (SQLSTATE 42P16
     * invalid_table_definition, which PostgreSQL raises for a dropped, renamed or retyped column, as
     * {@code PostgresRefusalsIntegrationTest} checks), the block's subtransaction is rolled back and the view is
     * dropped and created instead. Being plain SQL, it runs the same online and in a script.
     */
    static String guardedReplace(ViewDefinition from, ViewDefinition to) {
        String name = Identifiers.qualified(to.key());
        String tag = dollarTag(to.sql());
        String body = terminated(to.sql());
        return "DO " + tag + "\nBEGIN\n"
                + "CREATE OR REPLACE VIEW " + name + " AS\n" + body + "\n"
                + "EXCEPTION WHEN invalid_table_definition THEN\n"
                + drop(from) + ";\n"
                + "CREATE VIEW " + name + " AS\n" + body + "\n"
                + "END\n" + tag;
    }

    /** Appends the {@code ;} on its own line when the SQL ends in a line comment, which would swallow it. */
    private static String terminated(String sql) {
        String lastLine = sql.substring(sql.lastIndexOf('\n') + 1);
        return lastLine.contains("--") ? sql + "\n;" : sql + ";";
    }

    /** A dollar-quote tag that does not occur in the SQL. */
    private static String dollarTag(String sql) {
        String tag = "$vm$";
        for (int i = 1; sql.contains(tag); i++) {
            tag = "$vm" + i + "$";
        }
        return tag;
    }
}
