package dev.viewmigrate.runtime.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several operating-system processes upgrade one SQLite file at the same time: SQLite's write lock
 * ({@code BEGIN IMMEDIATE} per revision, the history read again inside it) lets each revision be applied exactly once,
 * whoever applies it.
 */
class SqliteConcurrencyTest {
    private static final int PROCESSES = 4;

    @TempDir
    Path dir;

    @Test
    void concurrentProcessesApplyEachRevisionOnce() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("shared.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SqliteConcurrentUpgradeMain.class.getName(), url).redirectErrorStream(true).start());
        }
        List<String> executed = new ArrayList<>();
        for (Process process : processes) {
            String output = read(process);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "process did not finish: " + output);
            assertEquals(0, process.exitValue(), output);
            String line = output.lines().filter(l -> l.startsWith("executed=")).findFirst().orElseThrow();
            String ids = line.substring("executed=".length());
            if (!ids.isEmpty()) {
                executed.addAll(Arrays.asList(ids.split(",")));
            }
        }
        executed.sort(null);
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), executed);
        ViewMigrator migrator = ViewMigrator.builder().url(url, null, null).catalog(PracticeChain.catalog()).build();
        assertEquals(7, migrator.history().size());
        assertTrue(migrator.verify().clean());
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
