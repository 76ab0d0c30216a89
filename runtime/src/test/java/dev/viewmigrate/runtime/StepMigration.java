package dev.viewmigrate.runtime;

/**
 * A revision written the way the processor generates one: frozen views and calls of the runtime's view steps. Tests
 * build chains of these to exercise the steps' SQL on a real database, online and offline.
 */
public record StepMigration(String revision, String description, Body up, Body down,
        java.util.List<FrozenView> viewsAfter, java.util.List<ViewName> viewsRemoved) implements Migration {
    /** The steps of one direction. */
    @FunctionalInterface
    public interface Body {
        void run(ViewSteps steps, MigrationContext context) throws Exception;
    }

    public StepMigration(String revision, String description, Body up, Body down, FrozenView... after) {
        this(revision, description, up, down, java.util.List.of(after), java.util.List.of());
    }

    @Override
    public int checksum() {
        return (revision + description).hashCode();
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        up.run(context.views(), context);
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        down.run(context.views(), context);
    }
}
