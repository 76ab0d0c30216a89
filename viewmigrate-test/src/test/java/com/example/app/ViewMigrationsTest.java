package com.example.app;

import dev.viewmigrate.test.ViewMigrationTests;

/**
 * What a user writes, in a package of their own: the chain comes from {@code META-INF/services} (the test chain
 * {@code UserChain} here, the generated catalog in an application); the table the views read is the application's,
 * created by the setup SQL.
 */
class ViewMigrationsTest extends ViewMigrationTests {
    @Override
    protected String setupSql() {
        return "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true)";
    }
}
