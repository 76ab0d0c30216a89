package dev.viewmigrate.runtime.internal.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups of a SQLite database file, taken before {@code upgrade}, {@code downgrade} and {@code stamp} change it:
 * {@code VACUUM INTO}, which copies a consistent snapshot while other connections keep reading and writing (unlike
 * copying the file, which can catch a half-written page). Named {@code FILE.YYYYMMDD-HHMMSS-mmm.backup} (UTC) beside
 * the database or in the configured directory, so that they sort by age; with a retention count, the oldest beyond it
 * are deleted after a new one is taken.
 *
 * @param enabled false: no backup ({@code --no-backup})
 * @param dir     where backups go; null: the database file's directory
 * @param keep    how many backups of this database to keep; 0 keeps all
 */
public record Backups(boolean enabled, Path dir, int keep) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    static final String SUFFIX = ".backup";

    public Backups {
        if (keep < 0) {
            throw new IllegalArgumentException("keepBackups must be 0 (keep all) or positive, was " + keep);
        }
    }

    public static Backups defaults() {
        return new Backups(true, null, 0);
    }

    /**
     * The file of the connection's main database ({@code PRAGMA database_list}); empty for an in-memory or temporary
     * database, which has no file to copy.
     */
    static Optional<Path> databaseFile(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString(2))) {
                    String file = rows.getString(3);
                    return file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
                }
            }
        }
        return Optional.empty();
    }

    /** Where the backups of {@code database} go. */
    Path directory(Path database) {
        return dir != null ? dir : database.toAbsolutePath().getParent();
    }

    /**
     * Copies the database to a new backup and applies the retention; returns it, or empty when backups are off or the
     * database has no file. Must run outside a transaction ({@code VACUUM INTO} refuses to run inside one).
     */
    Optional<Path> take(Connection connection) {
        if (!enabled) {
            return Optional.empty();
        }
        Path database;
        try {
            Optional<Path> file = databaseFile(connection);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            database = file.get();
        } catch (SQLException e) {
            throw SqliteMessages.backupFailed("the database file", null, e);
        }
        Path directory = directory(database);
        Path backup = null;
        try {
            Files.createDirectories(directory);
            String base = database.getFileName() + "." + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
            backup = directory.resolve(base + SUFFIX);
            for (int n = 2; Files.exists(backup); n++) {
                backup = directory.resolve(base + "-" + n + SUFFIX);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO " + SqliteText.literal(backup.toAbsolutePath().toString()));
            }
            prune(database);
            return Optional.of(backup);
        } catch (IOException | SQLException e) {
            throw SqliteMessages.backupFailed(database.toString(), backup, e);
        }
    }

    /** The backups of {@code database} in the backup directory, oldest first. */
    public List<Path> list(Path database) {
        Path directory = directory(database);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = database.getFileName() + ".";
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(SUFFIX)
                        && name.substring(prefix.length()).matches("\\d{8}-\\d{6}-\\d{3}(-\\d+)?\\.backup");
            }).sorted().toList();
        } catch (IOException e) {
            throw SqliteMessages.backupFailed(database.toString(), null, e);
        }
    }

    private void prune(Path database) throws IOException {
        if (keep == 0) {
            return;
        }
        List<Path> all = new ArrayList<>(list(database));
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
