-- viewmigrate upgrade script: base -> 6 (6 revisions), history table viewmigrate_history.
-- Run it with: psql -v ON_ERROR_STOP=1 -f <this file> <database>
-- Every revision runs in its own transaction and first checks that the database is at the revision before it.

SELECT pg_advisory_lock(8533592764008374620);
-- Each statement waits at most 10 s for a table lock held by another session, then fails (psql does not retry: run the script again later).
SET lock_timeout = '10s';

-- Helpers the view steps below call (temporary functions: they end with the session).
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
    SELECT string_agg(DISTINCT found.line, E'\n' ORDER BY found.line) INTO vm_problems
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
$vm$;
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
$vm$;
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
$vm$;
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
                          E'\n' ORDER BY n.nspname, c.relname)
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
$vm$;

-- Revision 1: create tables
BEGIN;
CREATE TABLE IF NOT EXISTS viewmigrate_history (
    rank integer NOT NULL UNIQUE,
    revision text PRIMARY KEY,
    description text NOT NULL,
    checksum integer NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user,
    execution_ms bigint NOT NULL
);
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM NULL THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 1', 'base (no revision applied)', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
CREATE SCHEMA reporting;
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL, active boolean NOT NULL);
CREATE TABLE posts (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors, title text NOT NULL);
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (1, '1', 'create tables', 339254649, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

-- Revision 2: create view active_authors, create view author_posts, create view post_search
BEGIN;
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM '1' THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 2', 'revision 1', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
CREATE VIEW active_authors WITH (security_barrier=true) AS
SELECT id, name
FROM authors
WHERE active;
COMMENT ON VIEW active_authors IS 'authors who may log in';
CREATE MATERIALIZED VIEW post_search WITH (fillfactor=90) AS
SELECT p.id, a.name AS author, to_tsvector('simple', p.title) AS document
FROM posts p
JOIN active_authors a ON a.id = p.author_id
WITH DATA;
CREATE UNIQUE INDEX post_search_id_key ON post_search (id) INCLUDE (author);
CREATE INDEX post_search_document_idx ON post_search USING gin (document);
CREATE INDEX post_search_recent_idx ON post_search (id DESC) WHERE id > 1000;
CREATE VIEW reporting.author_posts AS
SELECT a.id, a.name, count(p.id) AS posts
FROM active_authors a
LEFT JOIN posts p ON p.author_id = a.id
GROUP BY a.id, a.name;
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (2, '2', 'create view active_authors, create view author_posts, create view post_search', -752873069, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

-- Revision 3: change view active_authors
BEGIN;
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM '2' THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 3', 'revision 2', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
SELECT pg_temp.viewmigrate_save('active_authors', ARRAY['security_barrier']::text[], true);
DO $vm$
BEGIN
CREATE OR REPLACE VIEW active_authors WITH (security_barrier=true) AS
SELECT id, name, upper(name) AS shout
FROM authors
WHERE active;
EXCEPTION WHEN invalid_table_definition THEN
PERFORM pg_temp.viewmigrate_check_dependents(ARRAY['active_authors', 'post_search', 'reporting.author_posts']::text[], ARRAY['post_search_id_key', 'post_search_document_idx', 'post_search_recent_idx']::text[], 'upgrade');
PERFORM pg_temp.viewmigrate_save('post_search', ARRAY['fillfactor']::text[], false);
PERFORM pg_temp.viewmigrate_save('reporting.author_posts', ARRAY[]::text[], false);
DROP VIEW reporting.author_posts;
DROP MATERIALIZED VIEW post_search;
DROP VIEW active_authors;
CREATE VIEW active_authors WITH (security_barrier=true) AS
SELECT id, name, upper(name) AS shout
FROM authors
WHERE active;
COMMENT ON VIEW active_authors IS 'authors who may log in';
CREATE MATERIALIZED VIEW post_search WITH (fillfactor=90) AS
SELECT p.id, a.name AS author, to_tsvector('simple', p.title) AS document
FROM posts p
JOIN active_authors a ON a.id = p.author_id
WITH DATA;
CREATE UNIQUE INDEX post_search_id_key ON post_search (id) INCLUDE (author);
CREATE INDEX post_search_document_idx ON post_search USING gin (document);
CREATE INDEX post_search_recent_idx ON post_search (id DESC) WHERE id > 1000;
CREATE VIEW reporting.author_posts AS
SELECT a.id, a.name, count(p.id) AS posts
FROM active_authors a
LEFT JOIN posts p ON p.author_id = a.id
GROUP BY a.id, a.name;
PERFORM pg_temp.viewmigrate_restore('post_search');
PERFORM pg_temp.viewmigrate_restore('reporting.author_posts');
END
$vm$;
SELECT pg_temp.viewmigrate_restore('active_authors');
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (3, '3', 'change view active_authors', 1654806270, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

-- Revision 4: change view active_authors
BEGIN;
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM '3' THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 4', 'revision 3', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
SELECT pg_temp.viewmigrate_check_dependents(ARRAY['reporting.author_posts', 'post_search', 'active_authors']::text[], ARRAY['post_search_id_key', 'post_search_document_idx', 'post_search_recent_idx']::text[], 'upgrade');
SELECT pg_temp.viewmigrate_save('reporting.author_posts', ARRAY[]::text[], false);
SELECT pg_temp.viewmigrate_save('post_search', ARRAY['fillfactor']::text[], false);
SELECT pg_temp.viewmigrate_save('active_authors', ARRAY['security_barrier']::text[], true);
DROP VIEW reporting.author_posts;
DROP MATERIALIZED VIEW post_search;
DROP VIEW active_authors;
CREATE VIEW active_authors WITH (security_barrier=true) AS
SELECT id, name
FROM authors
WHERE active AND name <> '';
COMMENT ON VIEW active_authors IS 'authors who may log in';
CREATE MATERIALIZED VIEW post_search WITH (fillfactor=90) AS
SELECT p.id, a.name AS author, to_tsvector('simple', p.title) AS document
FROM posts p
JOIN active_authors a ON a.id = p.author_id
WITH DATA;
CREATE UNIQUE INDEX post_search_id_key ON post_search (id) INCLUDE (author);
CREATE INDEX post_search_document_idx ON post_search USING gin (document);
CREATE INDEX post_search_recent_idx ON post_search (id DESC) WHERE id > 1000;
CREATE VIEW reporting.author_posts AS
SELECT a.id, a.name, count(p.id) AS posts
FROM active_authors a
LEFT JOIN posts p ON p.author_id = a.id
GROUP BY a.id, a.name;
SELECT pg_temp.viewmigrate_restore('active_authors');
SELECT pg_temp.viewmigrate_restore('post_search');
SELECT pg_temp.viewmigrate_restore('reporting.author_posts');
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (4, '4', 'change view active_authors', -1260891215, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

-- Revision 5: change view post_search
BEGIN;
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM '4' THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 5', 'revision 4', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
DROP INDEX post_search_recent_idx;
ALTER MATERIALIZED VIEW post_search SET (fillfactor=70);
COMMENT ON MATERIALIZED VIEW post_search IS 'search over post titles';
CREATE INDEX post_search_author_idx ON post_search (lower(author));
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (5, '5', 'change view post_search', 579276744, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

-- Revision 6: drop view reporting.author_posts
BEGIN;
DO $vm$
DECLARE
    newest text;
BEGIN
    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
    IF newest IS DISTINCT FROM '5' THEN
        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision is %', 'revision 6', 'revision 5', coalesce(newest, 'none (base)')
            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql ... with the right starting revision), or migrate online.';
    END IF;
END
$vm$;
SELECT pg_temp.viewmigrate_check_dependents(ARRAY['reporting.author_posts']::text[], ARRAY[]::text[], 'upgrade');
DROP VIEW reporting.author_posts;
INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
VALUES (6, '6', 'drop view reporting.author_posts', -771713705, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
COMMIT;

SELECT pg_advisory_unlock(8533592764008374620);
