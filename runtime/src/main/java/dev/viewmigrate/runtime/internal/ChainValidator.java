package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the history table with the code before anything runs (as Flyway's validate does): the applied revisions
 * must be the first revisions of the chain, in chain order, each with the checksum the code has now.
 */
public final class ChainValidator {
    private ChainValidator() {}

    /** One disagreement between the database and the code. */
    public record Problem(ErrorCode code, String message) {}

    public static List<Problem> problems(Chain chain, HistoryTable table, List<AppliedRevision> applied) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            AppliedRevision row = applied.get(i);
            int index = chain.indexOf(row.revision());
            String inDb = "Revision " + row.revision() + " (" + row.description() + ")";
            if (index < 0) {
                problems.add(new Problem(ErrorCode.UNKNOWN_APPLIED_REVISION, inDb + " is applied to the database "
                        + "(history table " + table.qualifiedName() + ", rank " + row.rank() + ") but the code's "
                        + "migration chain has no such revision (the chain has " + chain.size() + ": "
                        + chain.idsBetween(0, chain.size()) + "). The database was migrated by another version of the "
                        + "application, probably a newer one. Deploy the code that contains revision "
                        + row.revision() + ", or use that code to downgrade the database below it first."));
            } else if (index != i) {
                problems.add(new Problem(ErrorCode.UNKNOWN_APPLIED_REVISION, "The applied revisions are not the "
                        + "start of the code's chain: rank " + row.rank() + " of history table "
                        + table.qualifiedName() + " holds revision " + row.revision() + ", where the chain has "
                        + "revision " + chain.get(i).revision() + " at position " + (i + 1) + " (revision "
                        + row.revision() + " is at position " + (index + 1) + "). The chain was reordered or "
                        + "branches were merged after the database was migrated. Restore the chain order the "
                        + "database was migrated with, or downgrade with the code that applied these revisions."));
            } else if (chain.get(index).checksum() != row.checksum()) {
                Migration local = chain.get(index);
                problems.add(new Problem(ErrorCode.CHECKSUM_MISMATCH, inDb + ": applied to database with checksum "
                        + row.checksum() + " / resolved locally: " + local.checksum() + ". A frozen revision was "
                        + "edited after it was applied. Either revert the change to the revision, or, if the database "
                        + "really should match the new content, downgrade below it first with the old code, then "
                        + "upgrade with the new code (put the change in a new revision next time)."));
            }
        }
        return problems;
    }

    /** Throws when there is any problem; nothing has been changed at that point. */
    public static void check(Chain chain, HistoryTable table, List<AppliedRevision> applied) {
        check(chain, table, applied, "Refusing to migrate, nothing was changed: ");
    }

    /** As {@link #check(Chain, HistoryTable, List)}, the message starting with {@code refusal}. */
    public static void check(Chain chain, HistoryTable table, List<AppliedRevision> applied, String refusal) {
        List<Problem> problems = problems(chain, table, applied);
        if (problems.isEmpty()) {
            return;
        }
        // Structural problems first: a checksum is meaningless for a revision the chain does not place there.
        ErrorCode code = problems.stream().anyMatch(p -> p.code() == ErrorCode.UNKNOWN_APPLIED_REVISION)
                ? ErrorCode.UNKNOWN_APPLIED_REVISION
                : ErrorCode.CHECKSUM_MISMATCH;
        StringBuilder message = new StringBuilder(refusal);
        if (problems.size() == 1) {
            message.append(problems.get(0).message());
        } else {
            message.append(problems.size()).append(" applied revisions disagree with the code:");
            for (Problem problem : problems) {
                message.append("\n  - ").append(problem.message());
            }
        }
        throw new ViewMigrateException(code, message.toString());
    }
}
