package dev.viewmigrate.runtime.internal.steps;

import java.util.List;

/**
 * The three PL/pgSQL helpers the view steps call: defined as temporary functions ({@code pg_temp}), online at the
 * start of each revision that needs them, in an offline script once at the top. Written once, here; a revision only
 * calls them by name, so a reviewer reads {@code SELECT pg_temp.viewmigrate_check_dependents(...)} instead of 45
 * lines of catalog query per dropped view.
 *
 * <ul>
 *   <li>{@code viewmigrate_check_dependents(views, declared_indexes, verb)}: raises {@code 2BP01}
 *       (dependent_objects_still_exist) naming every object that viewmigrate does not manage and that depends on one
 *       of {@code views} — through {@code pg_depend}, a view or rule ({@code pg_rewrite.ev_class}), a function, a
 *       column typed with a view's row type — or that a plain {@code DROP} would silently take along: triggers,
 *       rules, statistics, and indexes not in {@code declared_indexes}.</li>
 *   <li>{@code viewmigrate_save(view, declared_options, declared_comment)}: copies grants and column grants (but the
 *       owner's own), the comment unless declared, column comments, options not declared, and the owner when it is
 *       not the current user, into {@code pg_temp.viewmigrate_saved} (dropped at commit).</li>
 *   <li>{@code viewmigrate_restore(view)}: puts back what was saved for {@code view} and is missing now: grants,
 *       column grants and column comments where the column still exists by name, the comment when the view has
 *       none, options it does not have, the owner last.</li>
 *   <li>{@code viewmigrate_drop_readers(table, columns, refused, managed, options, comments, drops, declared_indexes,
 *       statement, verb)}: before a table statement that changes {@code columns} of {@code table} (all of it when
 *       empty), finds the views that read them through {@code pg_depend} and the managed views reading those in
 *       turn; refuses (2BP01, nothing changed) when {@code refused} (PostgreSQL would refuse the change itself) and
 *       a view viewmigrate does not manage reads them; checks the managed ones' dependents, saves their privileges
 *       and drops them, dependents first, recording each in {@code pg_temp.viewmigrate_dropped} (name, depth, batch)
 *       for their recreation after the migration. The arrays {@code managed}, {@code options} (comma-joined
 *       declared option names), {@code comments} (declared or not) and {@code drops} (the DROP statement) are
 *       aligned: one entry per managed view.</li>
 * </ul>
 */
public final class StepHelpers {
    public static final String CHECK_DEPENDENTS = "pg_temp.viewmigrate_check_dependents";
    public static final String SAVE = "pg_temp.viewmigrate_save";
    public static final String RESTORE = "pg_temp.viewmigrate_restore";
    public static final String DROP_READERS = "pg_temp.viewmigrate_drop_readers";

    private StepHelpers() {}

    /** The {@code CREATE OR REPLACE FUNCTION} statements, in order. */
    public static List<String> definitions() {
        return List.of(CHECK_DEPENDENTS_SQL, SAVE_SQL, RESTORE_SQL, DROP_READERS_SQL);
    }

    private static final String CHECK_DEPENDENTS_SQL = """
            CREATE OR REPLACE FUNCTION pg_temp.viewmigrate_check_dependents(
                vm_views text[], vm_declared_indexes text[], vm_verb text) RETURNS void LANGUAGE plpgsql AS $vm$
            DECLARE
                vm_problems text;
            BEGIN
                WITH targets AS (
                    SELECT c.oid AS rel, c.reltype,
                           CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || v.name AS label
                    FROM unnest(vm_views) AS v(name) JOIN pg_class c ON c.oid = to_regclass(v.name)
                ), declared AS (
                    SELECT to_regclass(i.name) AS oid FROM unnest(vm_declared_indexes) AS i(name)
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
                                    AND rw.ev_class IN (SELECT rel FROM targets))
                           -- a column of a view dropped here too, typed with a target's row (SELECT b FROM base b)
                           AND NOT (dep.classid = 'pg_class'::regclass AND dep.objid IN (SELECT rel FROM targets)))
                       OR (dep.deptype = 'a' AND dep.refclassid = 'pg_class'::regclass
                           AND (dep.classid IN ('pg_trigger'::regclass, 'pg_statistic_ext'::regclass)
                                OR (dep.classid = 'pg_rewrite'::regclass AND rw.rulename <> '_RETURN')
                                OR (ic.relkind = 'i'
                                    AND ic.oid NOT IN (SELECT oid FROM declared WHERE oid IS NOT NULL))))
                ) found;
                IF vm_problems IS NOT NULL THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'dependent_objects_still_exist',
                        MESSAGE = 'viewmigrate must drop and recreate views that objects it does not manage'
                            || ' depend on; nothing was changed',
                        DETAIL = vm_problems,
                        HINT = 'Drop each object listed first (and recreate it after the ' || vm_verb || '), or'
                            || ' declare it with @View (a view) or in @View(indexes) (an index of a materialized'
                            || ' view) so that viewmigrate drops and recreates it itself. viewmigrate never uses'
                            || ' CASCADE.';
                END IF;
            END
            $vm$""";

    private static final String SAVE_SQL = """
            CREATE OR REPLACE FUNCTION pg_temp.viewmigrate_save(
                vm_view text, vm_declared_options text[], vm_declared_comment boolean) RETURNS void
            LANGUAGE plpgsql AS $vm$
            BEGIN
                CREATE TEMPORARY TABLE IF NOT EXISTS viewmigrate_saved (view_name text NOT NULL, item text NOT NULL,
                    column_name name, role_name name, privilege text, grantable boolean, value text) ON COMMIT DROP;
                INSERT INTO pg_temp.viewmigrate_saved
                    (view_name, item, column_name, role_name, privilege, grantable, value)
                WITH rel AS (
                    SELECT c.oid, c.relowner, c.relacl, c.reloptions FROM pg_class c WHERE c.oid = to_regclass(vm_view)
                )
                SELECT vm_view, 'acl', NULL, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
                       a.privilege_type, a.is_grantable, NULL
                FROM rel r, aclexplode(r.relacl) a WHERE a.grantee <> r.relowner
                UNION ALL
                SELECT vm_view, 'column_acl', att.attname,
                       CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
                       a.privilege_type, a.is_grantable, NULL
                FROM rel r JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum > 0 AND NOT att.attisdropped,
                     aclexplode(att.attacl) a
                WHERE a.grantee <> r.relowner
                UNION ALL
                SELECT vm_view, 'comment', NULL, NULL, NULL, NULL, d.description
                FROM rel r JOIN pg_description d
                    ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                WHERE NOT vm_declared_comment
                UNION ALL
                SELECT vm_view, 'column_comment', att.attname, NULL, NULL, NULL, d.description
                FROM rel r JOIN pg_description d
                    ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid > 0
                JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum = d.objsubid
                UNION ALL
                SELECT vm_view, 'option', NULL, NULL, NULL, NULL, o.option
                FROM rel r, unnest(r.reloptions) AS o(option)
                WHERE split_part(o.option, '=', 1) <> ALL (vm_declared_options)
                UNION ALL
                SELECT vm_view, 'owner', NULL, pg_get_userbyid(r.relowner), NULL, NULL, NULL
                FROM rel r WHERE pg_get_userbyid(r.relowner) <> current_user;
            END
            $vm$""";

    private static final String RESTORE_SQL = """
            CREATE OR REPLACE FUNCTION pg_temp.viewmigrate_restore(vm_view text) RETURNS void
            LANGUAGE plpgsql AS $vm$
            DECLARE
                vm_saved record;
                vm_rel oid := to_regclass(vm_view);
                vm_kind text;
                vm_grantee oid;
            BEGIN
                IF to_regclass('pg_temp.viewmigrate_saved') IS NULL THEN
                    RETURN;
                END IF;
                SELECT CASE relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END INTO vm_kind
                FROM pg_class WHERE oid = vm_rel;
                FOR vm_saved IN
                    SELECT s.* FROM pg_temp.viewmigrate_saved s WHERE s.view_name = vm_view
                    ORDER BY s.item = 'owner', s.item, s.column_name, s.role_name, s.privilege
                LOOP
                    IF vm_saved.column_name IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM pg_attribute
                            WHERE attrelid = vm_rel AND attname = vm_saved.column_name
                              AND attnum > 0 AND NOT attisdropped) THEN
                        CONTINUE; -- the column is gone from the new definition
                    END IF;
                    vm_grantee := CASE WHEN vm_saved.role_name IS NULL THEN 0
                                       ELSE (SELECT oid FROM pg_roles WHERE rolname = vm_saved.role_name) END;
                    IF vm_saved.item = 'acl' THEN
                        IF NOT EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) a
                                       WHERE c.oid = vm_rel AND a.grantee = vm_grantee
                                         AND a.privilege_type = vm_saved.privilege
                                         AND a.is_grantable = vm_saved.grantable) THEN
                            EXECUTE format('GRANT %s ON %s TO %s%s', vm_saved.privilege, vm_view,
                                coalesce(quote_ident(vm_saved.role_name), 'PUBLIC'),
                                CASE WHEN vm_saved.grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                        END IF;
                    ELSIF vm_saved.item = 'column_acl' THEN
                        IF NOT EXISTS (SELECT 1 FROM pg_attribute att, aclexplode(att.attacl) a
                                       WHERE att.attrelid = vm_rel AND att.attname = vm_saved.column_name
                                         AND a.grantee = vm_grantee AND a.privilege_type = vm_saved.privilege
                                         AND a.is_grantable = vm_saved.grantable) THEN
                            EXECUTE format('GRANT %s (%I) ON %s TO %s%s', vm_saved.privilege,
                                vm_saved.column_name, vm_view,
                                coalesce(quote_ident(vm_saved.role_name), 'PUBLIC'),
                                CASE WHEN vm_saved.grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                        END IF;
                    ELSIF vm_saved.item = 'comment' THEN
                        IF obj_description(vm_rel, 'pg_class') IS NULL THEN
                            EXECUTE format('COMMENT ON %s %s IS %L', vm_kind, vm_view, vm_saved.value);
                        END IF;
                    ELSIF vm_saved.item = 'column_comment' THEN
                        IF col_description(vm_rel, (SELECT attnum FROM pg_attribute
                                WHERE attrelid = vm_rel AND attname = vm_saved.column_name)) IS NULL THEN
                            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', vm_view, vm_saved.column_name,
                                vm_saved.value);
                        END IF;
                    ELSIF vm_saved.item = 'option' THEN
                        IF NOT EXISTS (SELECT 1 FROM pg_class c, unnest(c.reloptions) AS o(option)
                                       WHERE c.oid = vm_rel
                                         AND split_part(o.option, '=', 1) = split_part(vm_saved.value, '=', 1)) THEN
                            EXECUTE format('ALTER %s %s SET (%s = %L)', vm_kind, vm_view,
                                split_part(vm_saved.value, '=', 1),
                                substr(vm_saved.value, strpos(vm_saved.value, '=') + 1));
                        END IF;
                    ELSIF (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = vm_rel)
                            IS DISTINCT FROM vm_saved.role_name THEN
                        EXECUTE format('ALTER %s %s OWNER TO %I', vm_kind, vm_view, vm_saved.role_name);
                    END IF;
                END LOOP;
                DELETE FROM pg_temp.viewmigrate_saved WHERE view_name = vm_view;
            END
            $vm$""";

    private static final String DROP_READERS_SQL = """
            CREATE OR REPLACE FUNCTION pg_temp.viewmigrate_drop_readers(
                vm_table text, vm_columns text[], vm_refused boolean, vm_managed text[], vm_options text[],
                vm_comments boolean[], vm_drops text[], vm_declared_indexes text[], vm_statement text, vm_verb text)
                RETURNS SETOF text LANGUAGE plpgsql AS $vm$
            DECLARE
                vm_rel oid := to_regclass(vm_table);
                vm_problems text;
                vm_found text[];
                vm_batch integer;
                vm_row record;
            BEGIN
                IF vm_rel IS NULL THEN
                    RETURN;
                END IF;
                CREATE TEMPORARY TABLE IF NOT EXISTS viewmigrate_dropped (view_name text NOT NULL,
                    depth integer NOT NULL, batch integer NOT NULL) ON COMMIT DROP;
                CREATE TEMPORARY TABLE IF NOT EXISTS viewmigrate_readers (rel oid NOT NULL, depth integer NOT NULL,
                    managed integer) ON COMMIT DROP;
                DELETE FROM pg_temp.viewmigrate_readers;
                SELECT coalesce(max(batch), 0) + 1 INTO vm_batch FROM pg_temp.viewmigrate_dropped;
                INSERT INTO pg_temp.viewmigrate_readers (rel, depth, managed)
                WITH RECURSIVE managed AS (
                    SELECT to_regclass(m.name) AS rel, m.i::integer AS i
                    FROM unnest(vm_managed) WITH ORDINALITY AS m(name, i)
                ), readers(rel, depth) AS (
                    SELECT DISTINCT rw.ev_class, 0
                    FROM pg_depend d JOIN pg_rewrite rw ON rw.oid = d.objid
                    WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                      AND d.refobjid = vm_rel AND rw.ev_class <> vm_rel
                      AND (cardinality(vm_columns) = 0 OR d.refobjsubid IN (
                          SELECT attnum FROM pg_attribute WHERE attrelid = vm_rel AND attname = ANY (vm_columns)))
                    UNION
                    SELECT rw.ev_class, r.depth + 1
                    FROM readers r
                    JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = r.rel
                                    AND d.classid = 'pg_rewrite'::regclass
                    JOIN pg_rewrite rw ON rw.oid = d.objid
                    WHERE rw.ev_class <> r.rel AND r.rel IN (SELECT rel FROM managed WHERE rel IS NOT NULL)
                )
                SELECT r.rel, max(r.depth), min(m.i) FROM readers r LEFT JOIN managed m ON m.rel = r.rel
                GROUP BY r.rel;
                IF vm_refused THEN
                    SELECT string_agg(CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END
                                      || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                                      || ' reads ' || vm_table
                                      || CASE WHEN cardinality(vm_columns) = 0 THEN ''
                                              ELSE ' (' || array_to_string(vm_columns, ', ') || ')' END,
                                      E'\\n' ORDER BY n.nspname, c.relname)
                    INTO vm_problems
                    FROM pg_temp.viewmigrate_readers r JOIN pg_class c ON c.oid = r.rel
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE r.depth = 0 AND r.managed IS NULL;
                    IF vm_problems IS NOT NULL THEN
                        RAISE EXCEPTION USING
                            ERRCODE = 'dependent_objects_still_exist',
                            MESSAGE = 'a view that viewmigrate does not manage reads what this statement changes;'
                                || ' nothing was changed: ' || vm_statement,
                            DETAIL = vm_problems,
                            HINT = 'Drop that view before the ' || vm_verb || ' and recreate it after, or declare it'
                                || ' with @View so that viewmigrate drops and recreates it around the change.'
                                || ' viewmigrate never uses CASCADE.';
                    END IF;
                END IF;
                SELECT array_agg(vm_managed[r.managed] ORDER BY r.depth DESC, r.managed) INTO vm_found
                FROM pg_temp.viewmigrate_readers r WHERE r.managed IS NOT NULL;
                IF vm_found IS NULL THEN
                    RETURN;
                END IF;
                PERFORM pg_temp.viewmigrate_check_dependents(vm_found, vm_declared_indexes, vm_verb);
                FOR vm_row IN
                    SELECT r.managed, r.depth FROM pg_temp.viewmigrate_readers r
                    WHERE r.managed IS NOT NULL ORDER BY r.depth DESC, r.managed
                LOOP
                    PERFORM pg_temp.viewmigrate_save(vm_managed[vm_row.managed],
                        string_to_array(vm_options[vm_row.managed], ','), vm_comments[vm_row.managed]);
                    EXECUTE vm_drops[vm_row.managed];
                    INSERT INTO pg_temp.viewmigrate_dropped (view_name, depth, batch)
                    VALUES (vm_managed[vm_row.managed], vm_row.depth, vm_batch);
                    RETURN NEXT vm_managed[vm_row.managed];
                END LOOP;
            END
            $vm$""";
}
