package dev.viewmigrate.example.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's main class, run twice on one file as a user runs it. */
class PracticeAppTest {
    @TempDir
    Path dir;

    private String run(Path file) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            PracticeApp.main(new String[] {file.toString()});
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void upgradesPrintsDowngradesVerifiesAndListsBackups() throws Exception {
        Path file = dir.resolve("practice.db");
        String first = run(file);
        assertTrue(first.contains("upgrade head: from base to 3, ran 1, 2, 3"), first);
        assertTrue(first.contains("  Cooley's Reel | 2026-10-02 | 3.0"), first);
        assertTrue(first.contains("  The Kesh | 2026-11-28 | 4.5"), first);
        assertTrue(first.contains("downgrade -1: from 3 to 2, ran 3"), first);
        assertTrue(first.contains("verify: clean, 3 views as frozen"), first);
        assertEquals(2, first.lines().filter(l -> l.startsWith("Backed up practice.db to practice.db.")).count(),
                first);

        String second = run(file);
        assertTrue(second.contains("upgrade head: from 2 to 3, ran 3"), second);
        assertEquals(4, second.lines().filter(l -> l.matches("  practice\\.db\\.\\d{8}-\\d{6}-\\d{3}\\.backup"))
                .count(), second);
    }
}
