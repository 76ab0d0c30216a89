package dev.viewmigrate.example;

/** Keeps the demo's output to what it prints itself: no Hibernate banners or connection-pool warnings. */
final class Logging {
    private Logging() {}

    /**
     * Routes JBoss Logging (Hibernate's logging facade) to SLF4J, which {@code slf4j-nop} silences. Must run before
     * the first Hibernate class is initialised; a user-supplied {@code -Dorg.jboss.logging.provider} wins.
     */
    static void silence() {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }
}
