package dev.viewmigrate.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written migration (tables, data fixes): a public class with a public no-argument constructor that
 * implements {@code dev.viewmigrate.runtime.JavaMigration}. The processor freezes it into the revision chain at the
 * point where it first appeared, so its position never changes afterwards, and generates the migration that gives
 * it its revision id and checksum.
 *
 * <pre>{@code
 * @HandWrittenMigration(description = "create table posts")
 * public class CreatePosts implements JavaMigration {
 *     public void upgrade(MigrationContext ctx) throws Exception { ctx.execute("CREATE TABLE posts (...)"); }
 *     public void downgrade(MigrationContext ctx) throws Exception { ctx.execute("DROP TABLE posts"); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HandWrittenMigration {
    /** One line saying what the migration does; frozen into the snapshot and shown by {@code history}. */
    String description();
}
