package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The SQLite backup options of {@code upgrade}, {@code downgrade} and {@code stamp}; ignored on PostgreSQL. */
final class BackupOptions {
    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "SQLite: where the backup of the database file goes before anything changes. Default: "
                    + "beside the database file.")
    Path dir;

    @Option(names = "--no-backup", description = "SQLite: do not back the database file up first.")
    boolean none;

    @Option(names = "--keep-backups", paramLabel = "N",
            description = "SQLite: keep the newest N backups of the database, delete older ones. Default: keep all.")
    Integer keep;

    void applyTo(ViewMigrator.Builder builder) {
        if (none && (dir != null || keep != null)) {
            throw CliFailure.usage("--no-backup takes no backup, so --backup-dir and --keep-backups mean nothing "
                    + "with it: give either --no-backup or the backup options.");
        }
        if (keep != null && keep < 1) {
            throw CliFailure.usage("--keep-backups must be at least 1 (it keeps the newest N backups), was " + keep
                    + ". Leave it out to keep every backup, or use --no-backup to take none.");
        }
        builder.backups(!none);
        if (dir != null) {
            builder.backupDir(dir);
        }
        if (keep != null) {
            builder.keepBackups(keep);
        }
    }
}
