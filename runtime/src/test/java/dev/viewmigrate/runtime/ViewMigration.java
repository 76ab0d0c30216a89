package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.internal.steps.ViewDdl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A revision that declares its views the way a generated one does: {@link #viewsAfter()} and {@link #viewsRemoved()}
 * say what the database holds afterwards, and the upgrade runs the same CREATE statements the runtime's view steps
 * run for them ({@link ViewDdl}). Tests build chains from these without the processor.
 */
public record ViewMigration(String revision, String description, List<String> up, List<String> down,
        List<FrozenView> viewsAfter, List<ViewName> viewsRemoved) implements Migration {
    public ViewMigration {
        up = List.copyOf(up);
        down = List.copyOf(down);
        viewsAfter = List.copyOf(viewsAfter);
        viewsRemoved = List.copyOf(viewsRemoved);
    }

    /** A revision that runs {@code before} (e.g. tables), then creates {@code views} in the order given. */
    public static ViewMigration creating(String revision, String description, List<String> before,
            FrozenView... views) {
        List<String> up = new ArrayList<>(before);
        List<String> down = new ArrayList<>();
        for (FrozenView view : views) {
            up.addAll(create(view));
            down.add(0, drop(view));
        }
        return new ViewMigration(revision, description, up, down, List.of(views), List.of());
    }

    /** A revision that drops {@code view} (downgrade recreates it). */
    public static ViewMigration removing(String revision, FrozenView view) {
        return new ViewMigration(revision, "drop view " + view.name(), List.of(drop(view)), create(view),
                List.of(), List.of(view.name()));
    }

    /** A revision that replaces {@code from} with {@code to} (same name) by dropping and creating it. */
    public static ViewMigration changing(String revision, FrozenView from, FrozenView to) {
        List<String> up = new ArrayList<>(List.of(drop(from)));
        up.addAll(create(to));
        List<String> down = new ArrayList<>(List.of(drop(to)));
        down.addAll(create(from));
        return new ViewMigration(revision, "change view " + to.name(), up, down, List.of(to), List.of());
    }

    public static FrozenView view(String qualifiedName, String sql) {
        return FrozenView.view(name(qualifiedName), sql);
    }

    public static FrozenView materialized(String qualifiedName, String sql, FrozenIndex... indexes) {
        return FrozenView.materializedView(name(qualifiedName), sql).withIndexes(indexes);
    }

    public static FrozenView materializedWithNoData(String qualifiedName, String sql, FrozenIndex... indexes) {
        return FrozenView.materializedView(name(qualifiedName), sql).withNoData().withIndexes(indexes);
    }

    public static FrozenIndex unique(String name, String... columns) {
        return FrozenIndex.uniqueOn(name, columns);
    }

    public static FrozenIndex index(String name, String... columns) {
        return FrozenIndex.on(name, columns);
    }

    /** {@code schema.name} or {@code name}: tests use no dots inside names. */
    public static ViewName name(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        return dot < 0 ? ViewName.of(qualifiedName)
                : ViewName.of(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
    }

    static String sqlName(FrozenView view) {
        return view.name().sql();
    }

    static List<String> create(FrozenView view) {
        return ViewDdl.create(view);
    }

    static String drop(FrozenView view) {
        return ViewDdl.drop(view);
    }

    /** Runs and checksums exactly like a {@link SqlMigration} with the same statements. */
    private SqlMigration statements() {
        return new SqlMigration(revision, description, up, down);
    }

    @Override
    public int checksum() {
        return statements().checksum();
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        statements().upgrade(context);
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        statements().downgrade(context);
    }
}
