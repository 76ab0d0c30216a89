package dev.viewmigrate.runtime;

import java.util.List;

/**
 * Revisions that fail when run twice (CREATE without IF NOT EXISTS, a primary key on the log of runs), the first
 * slow enough that concurrent runs really overlap. Used by the concurrency tests, in threads and in processes.
 */
final class RunOnceChain {
    private RunOnceChain() {}

    static final MigrationCatalog CATALOG = () -> List.of(
            new SqlMigration("1", "create run log",
                    List.of("CREATE TABLE run_log (revision text PRIMARY KEY, backend integer NOT NULL)",
                            "INSERT INTO run_log VALUES ('1', pg_backend_pid())",
                            "SELECT pg_sleep(0.3)"),
                    List.of("DROP TABLE run_log")),
            new SqlMigration("2", "create table second",
                    List.of("CREATE TABLE second (id integer)", "INSERT INTO run_log VALUES ('2', pg_backend_pid())"),
                    List.of("DELETE FROM run_log WHERE revision = '2'", "DROP TABLE second")),
            new SqlMigration("3", "create view third",
                    List.of("CREATE VIEW third AS SELECT revision FROM run_log",
                            "INSERT INTO run_log VALUES ('3', pg_backend_pid())"),
                    List.of("DELETE FROM run_log WHERE revision = '3'", "DROP VIEW third")));
}
