package dev.viewmigrate.example.sqlite;

import dev.viewmigrate.test.ViewMigrationTests;

/**
 * Every revision of the application round-trips on a temporary SQLite file (the test kit sees that the chain is
 * SQLite's), its catalog compared through {@code sqlite_master} and {@code pragma table_info}.
 */
class ViewMigrationsTest extends ViewMigrationTests {}
