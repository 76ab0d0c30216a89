package dev.viewmigrate.test;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.viewmigrate.runtime.Migration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/** Turns the chain of a {@link ViewMigrationTests} into its named dynamic tests. */
final class ChainChecks {
    private final ViewMigrationTests settings;

    private ChainChecks(ViewMigrationTests settings) {
        this.settings = settings;
    }

    static ChainChecks of(ViewMigrationTests settings) {
        return new ChainChecks(settings);
    }

    /** {@code revision 2 (change view active_users)}: how every message and test name refers to a revision. */
    static String label(Migration migration) {
        String description = migration.description();
        return "revision " + migration.revision()
                + (description == null || description.isBlank() ? "" : " (" + description + ")");
    }

    Stream<DynamicTest> tests() {
        List<Migration> chain;
        try {
            chain = settings.configuredMigrator().build().migrations();
        } catch (RuntimeException e) {
            // The runtime's message already names the catalog(s) and the fix; say where it came from.
            return Stream.of(dynamicTest("chain: exactly one migration catalog, well-formed", () -> {
                throw new AssertionFailedError("The migration chain of " + settings.getClass().getName()
                        + " cannot be loaded, so no revision can be tested. " + e.getMessage(), e);
            }));
        }
        if (chain.isEmpty()) {
            return Stream.of(dynamicTest("chain: at least one revision", () -> {
                throw new AssertionFailedError("The migration catalog of " + settings.getClass().getName()
                        + " lists no revisions, so there is nothing to test. Compile the module that holds the @View "
                        + "classes with viewmigrate-processor (it freezes revision 1 on the first compile), or "
                        + "return the right catalog from catalog().");
            }));
        }
        Session session = new Session(settings, chain);
        String first = chain.get(0).revision();
        String last = chain.get(chain.size() - 1).revision();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("chain: " + chain.size() + (chain.size() == 1 ? " revision" : " revisions")
                + (chain.size() == 1 ? " (" + first + ")" : " (" + first + " → " + last + ")")
                + ", unique ids, frozen views consistent", () -> {
                    FrozenHead head = FrozenHead.fold(chain);
                    if (!head.problems().isEmpty()) {
                        throw new AssertionFailedError("The frozen views of the chain are inconsistent:\n- "
                                + String.join("\n- ", head.problems()));
                    }
                }));
        for (int i = 0; i < chain.size(); i++) {
            int position = i + 1;
            Migration migration = chain.get(i);
            tests.add(dynamicTest(label(migration) + ": upgrade → downgrade → upgrade is exact",
                    () -> session.check(() -> session.roundTrip(position))));
        }
        tests.add(dynamicTest("head (revision " + last + "): live views match the frozen @View definitions",
                () -> session.check(session::verifyHead)));
        tests.add(dynamicTest("head → base: downgrading every revision restores the database as it was before "
                + "revision " + first, () -> session.check(session::downgradeAll)));
        // JUnit closes the stream of a @TestFactory after its tests ran: the database goes with it.
        return tests.stream().onClose(session::close);
    }
}
