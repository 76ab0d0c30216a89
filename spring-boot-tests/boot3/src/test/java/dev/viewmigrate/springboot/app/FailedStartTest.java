package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.spring.boot.PendingRevisionsException;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-ups that fail: one clear cause in Boot's report, and nothing left behind that blocks the next start. */
@ExtendWith(OutputCaptureExtension.class)
class FailedStartTest {

    @Test
    void failedUpgrade_isReportedOnce_withItsCauseAndTheFix(CapturedOutput output) {
        try (TestDatabase db = TestDatabase.create()) {
            // Without Flyway the tables the view reads do not exist: revision 1 fails.
            assertThatThrownBy(() -> start(db, "--spring.flyway.enabled=false"))
                    .satisfies(failure -> assertThat(causeOfType(failure, ViewMigrateException.class).code())
                            .isEqualTo(ViewMigrateException.ErrorCode.MIGRATION_FAILED));

            String log = output.getAll();
            assertThat(log).contains("APPLICATION FAILED TO START")
                    .contains("viewmigrate could not bring the database views to the application's revision"
                            + " [MIGRATION_FAILED]")
                    .contains("relation \"authors\" does not exist")
                    .contains("set viewmigrate.enabled=false");
            assertThat(log).as("no stack trace dump besides the report").doesNotContain("Application run failed");
            assertThat(occurrences(log, "relation \"authors\" does not exist"))
                    .as("the cause, in Spring's one-line warning and in the report\n" + log).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void failedFirstUpgrade_leavesNothingThatBlocksFlyway() {
        try (TestDatabase db = TestDatabase.create()) {
            assertThatThrownBy(() -> start(db, "--spring.flyway.enabled=false"));

            // The next start, with Flyway, must not find anything of the failed run in its way.
            try (ConfigurableApplicationContext context = start(db)) {
                assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
                assertThat(Database.exists(db, "author_book_counts")).isTrue();
            }
        }
    }

    @Test
    void validateMode_refusesPendingRevisions_withoutChangingAnything(CapturedOutput output) {
        try (TestDatabase db = TestDatabase.create()) {
            assertThatThrownBy(() -> start(db, "--viewmigrate.on-startup=validate"))
                    .satisfies(failure -> assertThat(causeOfType(failure, PendingRevisionsException.class)).isNotNull());
            assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                    .contains("1 revision is not applied: 1 (create view author_book_counts)");
            assertThat(Database.exists(db, "author_book_counts")).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(Database.args(db));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(ShopApplication.class).run(all.toArray(String[]::new));
    }

    /** The first throwable of {@code type} in the cause chain; fails when there is none. */
    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getName() + " in the cause chain of " + failure, failure);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
