package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The N one-view revisions every tool applies: revision {@code i} runs {@code CREATE VIEW v_i AS SELECT i AS n,
 * 'x' AS label} and is undone by {@code DROP VIEW v_i}. Each tool gets the same statement text, only framed the way
 * that tool expects (a psql script, Flyway {@code V<i>__} files, viewmigrate string constants).
 */
record Workload(List<String> creates, List<String> drops) {
    Workload {
        creates = List.copyOf(creates);
        drops = List.copyOf(drops);
    }

    static Workload of(int revisions) {
        List<String> creates = new ArrayList<>(revisions);
        List<String> drops = new ArrayList<>(revisions);
        for (int i = 1; i <= revisions; i++) {
            creates.add("CREATE VIEW v_" + i + " AS SELECT " + i + " AS n, 'x' AS label");
            drops.add("DROP VIEW v_" + i);
        }
        return new Workload(creates, drops);
    }

    int size() {
        return creates.size();
    }

    /** The whole workload as one psql script; {@code psql -1} wraps it in a single transaction. */
    Path writePsqlScript(Path directory) throws IOException {
        StringBuilder script = new StringBuilder();
        for (String create : creates) {
            script.append(create).append(";\n");
        }
        return Files.writeString(directory.resolve("apply-one-transaction.sql"), script, StandardCharsets.UTF_8);
    }

    /** One explicit transaction per view, as a migration tool that commits each revision does. */
    Path writePsqlScriptPerTransaction(Path directory) throws IOException {
        StringBuilder script = new StringBuilder();
        for (String create : creates) {
            script.append("BEGIN;\n").append(create).append(";\nCOMMIT;\n");
        }
        return Files.writeString(directory.resolve("apply-transaction-per-view.sql"), script, StandardCharsets.UTF_8);
    }

    /** Flyway's versioned migrations {@code V1__v_1.sql} ... in a directory for a {@code filesystem:} location. */
    Path writeFlywayMigrations(Path directory) throws IOException {
        Path location = Files.createDirectories(directory.resolve("flyway"));
        for (int i = 0; i < creates.size(); i++) {
            Files.writeString(location.resolve("V" + (i + 1) + "__v_" + (i + 1) + ".sql"), creates.get(i) + ";\n",
                    StandardCharsets.UTF_8);
        }
        return location;
    }
}
