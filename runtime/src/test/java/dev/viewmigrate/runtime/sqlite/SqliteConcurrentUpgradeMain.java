package dev.viewmigrate.runtime.sqlite;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.ViewMigrator;

/**
 * One {@code upgrade head} of {@link PracticeChain} in its own JVM, as one of several application instances starting
 * at once on the same SQLite file. Argument: the JDBC URL. Prints {@code executed=<ids>}; exits 1 on failure.
 */
public final class SqliteConcurrentUpgradeMain {
    private SqliteConcurrentUpgradeMain() {}

    public static void main(String[] args) {
        try {
            MigrationResult result = ViewMigrator.builder().url(args[0], null, null).catalog(PracticeChain.catalog())
                    .backups(false).build().upgrade();
            System.out.println("executed=" + String.join(",", result.executed()));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
