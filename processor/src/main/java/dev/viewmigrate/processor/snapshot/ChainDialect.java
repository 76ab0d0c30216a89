package dev.viewmigrate.processor.snapshot;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.Revision;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The dialect is frozen with the chain: every revision file records the one it was written for, and a compile with
 * another {@code -Aviewmigrate.dialect} is refused, since its migrations would be planned and checked for another
 * database than the one the frozen ones were written for.
 */
public final class ChainDialect {
    private ChainDialect() {}

    /** The problem with {@code chain} under {@code dialect}, or empty when the chain is empty or agrees. */
    public static Optional<String> check(List<Revision> chain, Dialect dialect, Path directory) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Revision first = chain.get(0);
        for (Revision revision : chain) {
            if (revision.dialect() != first.dialect()) {
                return Optional.of(Messages.snapshotDialectsMixed(directory.resolve(first.fileName()).toString(),
                        first.dialect().optionValue(), directory.resolve(revision.fileName()).toString(),
                        revision.dialect().optionValue()));
            }
        }
        if (first.dialect() != dialect) {
            return Optional.of(Messages.dialectMismatch(directory.toString(), first.dialect().optionValue(),
                    directory.resolve(first.fileName()).toString(), dialect.optionValue()));
        }
        return Optional.empty();
    }
}
