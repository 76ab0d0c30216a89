package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.FrozenView.FrozenIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A revision that declares its views the way a generated one does: {@link #viewsAfter()} and {@link #viewsRemoved()}
 * say what the database holds afterwards, and the upgrade runs the same CREATE statements the processor renders for
 * them ({@code CREATE VIEW name AS\n<sql>}, materialized views {@code WITH DATA}/{@code NO DATA} followed by their
 * indexes). Tests build chains from these without the processor.
 */
public record ViewMigration(String revision, String description, List<String> up, List<String> down,
        List<FrozenView> viewsAfter, List<String> viewsRemoved) implements Migration {
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
        return new ViewMigration(revision, "drop view " + view.qualifiedName(), List.of(drop(view)), create(view),
                List.of(), List.of(view.qualifiedName()));
    }

    /** A revision that replaces {@code from} with {@code to} (same name) by dropping and creating it. */
    public static ViewMigration changing(String revision, FrozenView from, FrozenView to) {
        List<String> up = new ArrayList<>(List.of(drop(from)));
        up.addAll(create(to));
        List<String> down = new ArrayList<>(List.of(drop(to)));
        down.addAll(create(from));
        return new ViewMigration(revision, "change view " + to.qualifiedName(), up, down, List.of(to), List.of());
    }

    public static FrozenView view(String qualifiedName, String sql) {
        return frozen(qualifiedName, false, true, sql);
    }

    public static FrozenView materialized(String qualifiedName, String sql, FrozenIndex... indexes) {
        return new FrozenView(schema(qualifiedName), name(qualifiedName), true, true, sql, List.of(indexes));
    }

    public static FrozenView materializedWithNoData(String qualifiedName, String sql, FrozenIndex... indexes) {
        return new FrozenView(schema(qualifiedName), name(qualifiedName), true, false, sql, List.of(indexes));
    }

    public static FrozenIndex unique(String name, String... columns) {
        return new FrozenIndex(name, List.of(columns), true);
    }

    public static FrozenIndex index(String name, String... columns) {
        return new FrozenIndex(name, List.of(columns), false);
    }

    private static FrozenView frozen(String qualifiedName, boolean materialized, boolean withData, String sql) {
        return new FrozenView(schema(qualifiedName), name(qualifiedName), materialized, withData, sql, List.of());
    }

    private static Optional<String> schema(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(qualifiedName.substring(0, dot));
    }

    private static String name(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.indexOf('.') + 1);
    }

    static String sqlName(FrozenView view) {
        return view.schema().map(s -> quote(s) + ".").orElse("") + quote(view.name());
    }

    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    static List<String> create(FrozenView view) {
        if (!view.materialized()) {
            return List.of("CREATE VIEW " + sqlName(view) + " AS\n" + view.sql());
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE MATERIALIZED VIEW " + sqlName(view) + " AS\n" + view.sql() + "\nWITH "
                + (view.withData() ? "DATA" : "NO DATA"));
        for (FrozenIndex index : view.indexes()) {
            statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                    + sqlName(view) + " (" + String.join(", ", index.columns()) + ")");
        }
        return statements;
    }

    static String drop(FrozenView view) {
        return "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + sqlName(view);
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
