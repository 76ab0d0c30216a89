package dev.viewmigrate.test;

/**
 * What a user writes: the chain comes from {@code META-INF/services} ({@link UserChain} here, the generated catalog
 * in an application); the table the views read is the application's, created by the setup SQL.
 */
class ViewMigrationsTest extends ViewMigrationTests {
    @Override
    protected String setupSql() {
        return UserChain.SETUP_SQL;
    }
}
