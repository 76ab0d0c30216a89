package dev.viewmigrate.example.sqlite.migration;

import dev.viewmigrate.annotations.HandWrittenMigration;
import dev.viewmigrate.runtime.JavaMigration;
import dev.viewmigrate.runtime.MigrationContext;

/** The practice application's tables: tunes, per-user overrides of them, playlists and practice records. */
@HandWrittenMigration(description = "create tables tune, tune_override, playlist, practice_record")
public class CreateTables implements JavaMigration {
    @Override
    public void upgrade(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE tune (id INTEGER PRIMARY KEY, title TEXT NOT NULL, mode TEXT, genre TEXT)");
        context.execute("CREATE TABLE tune_override (tune_ref INTEGER NOT NULL REFERENCES tune (id), "
                + "user_ref INTEGER NOT NULL, title TEXT, PRIMARY KEY (tune_ref, user_ref))");
        context.execute("CREATE TABLE playlist (user_ref INTEGER NOT NULL, tune_ref INTEGER NOT NULL "
                + "REFERENCES tune (id), position INTEGER NOT NULL, PRIMARY KEY (user_ref, tune_ref))");
        context.execute("CREATE TABLE practice_record (user_ref INTEGER NOT NULL, tune_ref INTEGER NOT NULL "
                + "REFERENCES tune (id), practiced_at TEXT NOT NULL, quality INTEGER)");
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        context.execute("DROP TABLE practice_record");
        context.execute("DROP TABLE playlist");
        context.execute("DROP TABLE tune_override");
        context.execute("DROP TABLE tune");
    }
}
