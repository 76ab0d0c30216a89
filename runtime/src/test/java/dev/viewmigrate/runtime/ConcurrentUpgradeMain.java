package dev.viewmigrate.runtime;

/**
 * Runs one {@code upgrade head} of {@link RunOnceChain} in its own JVM, as one of several application instances
 * starting at once. Arguments: JDBC URL, user, password. Prints {@code executed=<ids>}; exits 1 with the error on
 * stderr when the upgrade fails.
 */
public final class ConcurrentUpgradeMain {
    private ConcurrentUpgradeMain() {}

    public static void main(String[] args) {
        try {
            ViewMigrator migrator = ViewMigrator.builder().url(args[0], args[1], args[2])
                    .catalog(RunOnceChain.CATALOG).build();
            MigrationResult result = migrator.upgrade();
            System.out.println("executed=" + String.join(",", result.executed()));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
