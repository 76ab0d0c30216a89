package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's chain, found by the runtime the way a generated catalog is: through
 * {@code META-INF/services/dev.viewmigrate.runtime.MigrationCatalog} and {@link java.util.ServiceLoader}, so that the
 * measured start-up includes catalog discovery. The revisions are built once, before anything is measured: the
 * generated classes hold their SQL, ids and checksums in constants, so the runtime never waits for them either.
 *
 * <p>The chain is set by {@link ApplyBenchmark} before the first {@code ViewMigrator} is built: a ServiceLoader
 * provider needs a no-argument constructor, and the workload's size is chosen on the command line.
 */
public final class BenchmarkCatalog implements MigrationCatalog {
    private static volatile List<Migration> chain;

    static void use(Workload workload) {
        List<Migration> migrations = new ArrayList<>(workload.size());
        for (int i = 0; i < workload.size(); i++) {
            migrations.add(ViewRevision.of(i + 1, workload.creates().get(i), workload.drops().get(i)));
        }
        chain = List.copyOf(migrations);
    }

    @Override
    public List<Migration> migrations() {
        List<Migration> current = chain;
        if (current == null) {
            throw new IllegalStateException("BenchmarkCatalog is only for ApplyBenchmark, which sets its workload "
                    + "before creating a ViewMigrator; call BenchmarkCatalog.use(...) first.");
        }
        return current;
    }
}
