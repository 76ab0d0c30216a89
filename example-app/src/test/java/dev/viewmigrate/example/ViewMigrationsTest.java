package dev.viewmigrate.example;

import dev.viewmigrate.test.ViewMigrationTests;

/**
 * The example app's migrations checked by the test kit, the one-line way a user adds it: every revision of the
 * generated chain (the hand-written table migration, the Day-1 view, the Day-30 change) upgrades, downgrades and
 * upgrades again to exactly the same catalog, and after {@code upgrade head} the live view matches its frozen
 * definition.
 */
class ViewMigrationsTest extends ViewMigrationTests {}
