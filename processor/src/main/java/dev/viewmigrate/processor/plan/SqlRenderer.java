package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL statements of a {@link Step}, each without a trailing semicolon, frozen into the generated class. Only
 * plain SQL and {@code DO} blocks, so that a revision runs the same online and in an offline script; never
 * {@code CASCADE}.
 */
public final class SqlRenderer {
    /** A transaction-local table holding grants, comments and owners between a drop and the create after it. */
    static final String SAVED = "pg_temp.viewmigrate_saved";

    /** An index column written as a plain name (taken literally, quoted as needed); anything else is verbatim SQL. */
    private static final Pattern COLUMN_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

    private SqlRenderer() {}

    public static List<String> statements(Step step) {
        // Java 17: no pattern matching in switch yet.
        if (step instanceof Step.CheckDependents check) {
            return List.of(doBlock(checkDependentsBlock(check.dropped())));
        } else if (step instanceof Step.SavePrivileges save) {
            return savePrivileges(save.views());
        } else if (step instanceof Step.RestorePrivileges restore) {
            return List.of(doBlock(restorePrivilegesBlock(restore.views())));
        } else if (step instanceof Step.CreateView create) {
            return create(create.view());
        } else if (step instanceof Step.DropView drop) {
            return List.of(drop(drop.view()));
        } else if (step instanceof Step.ReplaceView replace) {
            return List.of(guardedReplace(replace));
        } else if (step instanceof Step.CreateIndex create) {
            return List.of(createIndex(create.view(), create.index()));
        } else if (step instanceof Step.DropIndex drop) {
            return List.of(dropIndex(drop.view(), drop.index()));
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
            statements.add(createIndex(view, index));
        }
        return statements;
    }

    static String drop(ViewDefinition view) {
        return "DROP " + kind(view) + " " + Identifiers.qualified(view.key());
    }

    static String createIndex(ViewDefinition view, IndexDefinition index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + Identifiers.quote(index.name()) + " ON "
                + Identifiers.qualified(view.key()) + " (" + index.columns().stream().map(SqlRenderer::indexColumn)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** An index lives in the schema of its table, so it is qualified like the view. */
    static String dropIndex(ViewDefinition view, IndexDefinition index) {
        String schema = view.key().schema();
        return "DROP INDEX " + (schema.isEmpty() ? "" : Identifiers.quote(schema) + ".")
                + Identifiers.quote(index.name());
    }

    /** {@code userId} → {@code "userId"}; {@code lower(email)} or {@code created_at DESC} stay as written. */
    static String indexColumn(String column) {
        return COLUMN_NAME.matcher(column).matches() ? Identifiers.quote(column) : column;
    }

    /**
     * One {@code DO} block: {@code CREATE OR REPLACE VIEW}; if PostgreSQL refuses it (SQLSTATE 42P16
     * invalid_table_definition, which it raises for a dropped, renamed or retyped column, as
     * {@code PostgresRefusalsIntegrationTest} checks), the block's subtransaction is rolled back and the handler does
     * what an explicit recreate does: check for unmanaged dependents, save grants and comments, drop the managed
     * dependents and the view, create them again, restore. Being plain SQL, it runs the same online and offline.
     */
    static String guardedReplace(Step.ReplaceView replace) {
        ViewDefinition from = replace.from();
        ViewDefinition to = replace.to();
        List<ViewDefinition> dependents = replace.dependents();
        List<ViewDefinition> droppedOld = new ArrayList<>();
        droppedOld.add(from);
        droppedOld.addAll(dependents);
        List<ViewDefinition> recreated = new ArrayList<>();
        recreated.add(to);
        recreated.addAll(dependents);

        StringBuilder body = new StringBuilder();
        body.append("BEGIN\n")
                .append("CREATE OR REPLACE VIEW ").append(Identifiers.qualified(to.key())).append(" AS\n")
                .append(terminated(to.sql())).append('\n')
                .append("EXCEPTION WHEN invalid_table_definition THEN\n")
                .append(checkDependentsBlock(droppedOld)).append(";\n");
        for (String statement : savePrivileges(droppedOld)) {
            body.append(statement).append(";\n");
        }
        for (int i = dependents.size() - 1; i >= 0; i--) {
            body.append(drop(dependents.get(i))).append(";\n");
        }
        body.append(drop(from)).append(";\n");
        for (ViewDefinition view : recreated) {
            for (String statement : create(view)) {
                body.append(terminated(statement)).append('\n');
            }
        }
        body.append(restorePrivilegesBlock(recreated)).append(";\n").append("END");
        return doBlock(body.toString());
    }

    /**
     * A PL/pgSQL block that raises {@code dependent_objects_still_exist} (with DETAIL naming each object and the
     * view it depends on, and a HINT saying what to do) when something other than the views being dropped together
     * depends on one of them: through {@code pg_depend}, a view or rule ({@code pg_rewrite.ev_class}), a function,
     * a column typed with the view's row type; and objects a plain {@code DROP} would silently take along: triggers,
     * rules, statistics and indexes the {@code @View} does not declare.
     */
    static String checkDependentsBlock(List<ViewDefinition> dropped) {
        String values = dropped.stream()
                .map(view -> "        (to_regclass(" + literal(Identifiers.qualified(view.key())) + ")::oid, "
                        + literal(kind(view).toLowerCase(java.util.Locale.ROOT) + " "
                                + Identifiers.qualified(view.key())) + ", "
                        + textArray(view.indexes().stream().map(IndexDefinition::name).toList()) + ")")
                .collect(Collectors.joining(",\n"));
        return """
                DECLARE
                    vm_problems text;
                BEGIN
                    WITH dropped(rel, label, indexes) AS (VALUES
                %s
                    ), targets AS (
                        SELECT d.rel, d.label, d.indexes, c.reltype FROM dropped d JOIN pg_class c ON c.oid = d.rel
                    )
                    SELECT string_agg(DISTINCT found.line, E'\\n' ORDER BY found.line) INTO vm_problems
                    FROM (
                        SELECT CASE
                                   WHEN dep.classid = 'pg_rewrite'::regclass AND rw.rulename = '_RETURN'
                                       THEN CASE rc.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END
                                            || quote_ident(rn.nspname) || '.' || quote_ident(rc.relname)
                                   ELSE pg_describe_object(dep.classid, dep.objid, dep.objsubid)
                               END || ' depends on ' || t.label AS line
                        FROM targets t
                        JOIN pg_depend dep ON (dep.refclassid = 'pg_class'::regclass AND dep.refobjid = t.rel)
                                           OR (dep.refclassid = 'pg_type'::regclass AND dep.refobjid = t.reltype)
                        LEFT JOIN pg_rewrite rw ON dep.classid = 'pg_rewrite'::regclass AND rw.oid = dep.objid
                        LEFT JOIN pg_class rc ON rc.oid = rw.ev_class
                        LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                        LEFT JOIN pg_class ic ON dep.classid = 'pg_class'::regclass AND ic.oid = dep.objid
                        WHERE (dep.deptype = 'n'
                               AND NOT (dep.classid = 'pg_rewrite'::regclass
                                        AND rw.ev_class IN (SELECT rel FROM targets)))
                           OR (dep.deptype = 'a' AND dep.refclassid = 'pg_class'::regclass
                               AND (dep.classid IN ('pg_trigger'::regclass, 'pg_statistic_ext'::regclass)
                                    OR (dep.classid = 'pg_rewrite'::regclass AND rw.rulename <> '_RETURN')
                                    OR (ic.relkind = 'i' AND ic.relname <> ALL (t.indexes))))
                    ) found;
                    IF vm_problems IS NOT NULL THEN
                        RAISE EXCEPTION USING
                            ERRCODE = 'dependent_objects_still_exist',
                            MESSAGE = 'viewmigrate must drop and recreate views that objects it does not manage'
                                || ' depend on; nothing was changed',
                            DETAIL = vm_problems,
                            HINT = 'Drop each object listed first (and recreate it after the upgrade), or declare'
                                || ' it with @View (a view) or in @View(indexes) (an index of a materialized view)'
                                || ' so that viewmigrate drops and recreates it itself. viewmigrate never uses'
                                || ' CASCADE.';
                    END IF;
                END""".formatted(values);
    }

    /**
     * Saves grants (table and column level, except the owner's own), the comment, column comments and the owner
     * (when it is not the current user) of {@code views} into a temporary table dropped at commit.
     */
    static List<String> savePrivileges(List<ViewDefinition> views) {
        String values = views.stream()
                .map(view -> "(" + literal(Identifiers.qualified(view.key())) + ")")
                .collect(Collectors.joining(", "));
        return List.of(
                "CREATE TEMPORARY TABLE IF NOT EXISTS viewmigrate_saved (view_name text NOT NULL, item text NOT NULL,"
                        + " column_name name, role_name name, privilege text, grantable boolean, value text)"
                        + " ON COMMIT DROP",
                """
                INSERT INTO %s (view_name, item, column_name, role_name, privilege, grantable, value)
                WITH saved(view_name) AS (VALUES %s),
                rels AS (
                    SELECT s.view_name, c.oid, c.relowner, c.relacl
                    FROM saved s JOIN pg_class c ON c.oid = to_regclass(s.view_name)
                )
                SELECT r.view_name, 'acl', NULL, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
                       a.privilege_type, a.is_grantable, NULL
                FROM rels r, aclexplode(r.relacl) a WHERE a.grantee <> r.relowner
                UNION ALL
                SELECT r.view_name, 'column_acl', att.attname,
                       CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
                       a.privilege_type, a.is_grantable, NULL
                FROM rels r JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum > 0 AND NOT att.attisdropped,
                     aclexplode(att.attacl) a
                WHERE a.grantee <> r.relowner
                UNION ALL
                SELECT r.view_name, 'comment', NULL, NULL, NULL, NULL, d.description
                FROM rels r JOIN pg_description d
                    ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                UNION ALL
                SELECT r.view_name, 'column_comment', att.attname, NULL, NULL, NULL, d.description
                FROM rels r JOIN pg_description d
                    ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid > 0
                JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum = d.objsubid
                UNION ALL
                SELECT r.view_name, 'owner', NULL, pg_get_userbyid(r.relowner), NULL, NULL, NULL
                FROM rels r WHERE pg_get_userbyid(r.relowner) <> current_user""".formatted(SAVED, values));
    }

    /**
     * A PL/pgSQL block that restores what {@link #savePrivileges} saved onto the recreated {@code views}: grants,
     * then comments (column ones only where the column still exists by name), the owner last.
     */
    static String restorePrivilegesBlock(List<ViewDefinition> views) {
        String kinds = views.stream()
                .map(view -> "(" + literal(Identifiers.qualified(view.key())) + ", " + literal(kind(view)) + ")")
                .collect(Collectors.joining(", "));
        String names = views.stream()
                .map(view -> literal(Identifiers.qualified(view.key())))
                .collect(Collectors.joining(", "));
        return """
                DECLARE
                    vm_saved record;
                BEGIN
                    FOR vm_saved IN
                        SELECT s.*, k.kind FROM %1$s s
                        JOIN (VALUES %2$s) AS k(view_name, kind) ON k.view_name = s.view_name
                        ORDER BY s.item = 'owner', s.view_name, s.item, s.column_name, s.role_name, s.privilege
                    LOOP
                        IF vm_saved.column_name IS NOT NULL AND NOT EXISTS (
                                SELECT 1 FROM pg_attribute
                                WHERE attrelid = to_regclass(vm_saved.view_name) AND attname = vm_saved.column_name
                                  AND attnum > 0 AND NOT attisdropped) THEN
                            CONTINUE; -- the column is gone from the new definition
                        END IF;
                        IF vm_saved.item = 'acl' THEN
                            EXECUTE format('GRANT %%s ON %%s TO %%s%%s', vm_saved.privilege, vm_saved.view_name,
                                coalesce(quote_ident(vm_saved.role_name), 'PUBLIC'),
                                CASE WHEN vm_saved.grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                        ELSIF vm_saved.item = 'column_acl' THEN
                            EXECUTE format('GRANT %%s (%%I) ON %%s TO %%s%%s', vm_saved.privilege,
                                vm_saved.column_name, vm_saved.view_name,
                                coalesce(quote_ident(vm_saved.role_name), 'PUBLIC'),
                                CASE WHEN vm_saved.grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                        ELSIF vm_saved.item = 'comment' THEN
                            EXECUTE format('COMMENT ON %%s %%s IS %%L', vm_saved.kind, vm_saved.view_name,
                                vm_saved.value);
                        ELSIF vm_saved.item = 'column_comment' THEN
                            EXECUTE format('COMMENT ON COLUMN %%s.%%I IS %%L', vm_saved.view_name,
                                vm_saved.column_name, vm_saved.value);
                        ELSE
                            EXECUTE format('ALTER %%s %%s OWNER TO %%I', vm_saved.kind, vm_saved.view_name,
                                vm_saved.role_name);
                        END IF;
                    END LOOP;
                    DELETE FROM %1$s WHERE view_name IN (%3$s);
                END""".formatted(SAVED, kinds, names);
    }

    private static String kind(ViewDefinition view) {
        return view.materialized() ? "MATERIALIZED VIEW" : "VIEW";
    }

    /** A SQL string literal; standard_conforming_strings (on by default) keeps backslashes as they are. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String textArray(List<String> values) {
        return values.isEmpty() ? "ARRAY[]::text[]"
                : "ARRAY[" + values.stream().map(SqlRenderer::literal).collect(Collectors.joining(", ")) + "]::text[]";
    }

    private static String doBlock(String block) {
        String tag = dollarTag(block);
        return "DO " + tag + "\n" + block + "\n" + tag;
    }

    /** Appends the {@code ;} on its own line when the SQL ends in a line comment, which would swallow it. */
    private static String terminated(String sql) {
        String lastLine = sql.substring(sql.lastIndexOf('\n') + 1);
        return lastLine.contains("--") ? sql + "\n;" : sql + ";";
    }

    /** A dollar-quote tag that does not occur in the text. */
    private static String dollarTag(String text) {
        String tag = "$vm$";
        for (int i = 1; text.contains(tag); i++) {
            tag = "$vm" + i + "$";
        }
        return tag;
    }
}
