package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
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
                problems.add(new Problem(ErrorCode.UNKNOWN_APPLIED_REVISION, Messages.unknownAppliedRevision(inDb,
                        table.qualifiedName(), row.rank(), chain, row.revision())));
            } else if (index != i) {
                problems.add(new Problem(ErrorCode.UNKNOWN_APPLIED_REVISION, Messages.reorderedChain(
                        table.qualifiedName(), row.rank(), row.revision(), i + 1, chain.get(i).revision(),
                        index + 1)));
            } else if (chain.get(index).checksum() != row.checksum()) {
                Migration local = chain.get(index);
                problems.add(new Problem(ErrorCode.CHECKSUM_MISMATCH, Messages.checksumMismatch(inDb,
                        row.checksum(), local.checksum())));
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
        throw Messages.historyDisagrees(code, refusal, problems.stream().map(Problem::message).toList());
    }
}
