package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import picocli.CommandLine.Option;

/** Where the history table lives; shared by the online verbs and {@code sql} (whose script writes to it). */
final class HistoryTableOptions {
    @Option(names = "--history-table", paramLabel = "TABLE",
            description = "Name of the history table. Default: " + ViewMigrator.DEFAULT_HISTORY_TABLE + ".")
    String table;

    @Option(names = "--history-schema", paramLabel = "SCHEMA",
            description = "Schema of the history table. Default: the first schema of the connection's search_path.")
    String schema;

    /** These options, given after the verb, over {@code beforeVerb}: the same options given before it. */
    HistoryTableOptions over(HistoryTableOptions beforeVerb) {
        HistoryTableOptions merged = new HistoryTableOptions();
        merged.table = table != null ? table : beforeVerb.table;
        merged.schema = schema != null ? schema : beforeVerb.schema;
        return merged;
    }

    ViewMigrator.Builder applyTo(ViewMigrator.Builder builder) {
        if (table != null) {
            builder.historyTable(table);
        }
        if (schema != null) {
            builder.historySchema(schema);
        }
        return builder;
    }
}
