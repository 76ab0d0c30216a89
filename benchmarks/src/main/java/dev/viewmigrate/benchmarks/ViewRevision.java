package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One benchmark revision shaped like a generated one: a revision id, a description, a checksum of the frozen SQL,
 * and an upgrade and a downgrade that each pass one ready-made string to {@link MigrationContext#execute}. Nothing
 * is computed while the runtime applies it, just as the generated classes hold their SQL in string constants.
 */
record ViewRevision(String revision, String description, int checksum, String upgradeSql, String downgradeSql)
        implements Migration {

    static ViewRevision of(int number, String upgradeSql, String downgradeSql) {
        CRC32 crc = new CRC32();
        crc.update((upgradeSql + "\n" + downgradeSql).getBytes(StandardCharsets.UTF_8));
        return new ViewRevision(Integer.toString(number), "create view v_" + number, (int) crc.getValue(),
                upgradeSql, downgradeSql);
    }

    @Override
    public void upgrade(MigrationContext context) throws Exception {
        context.execute(upgradeSql);
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        context.execute(downgradeSql);
    }
}
