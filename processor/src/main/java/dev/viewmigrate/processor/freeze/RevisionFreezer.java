package dev.viewmigrate.processor.freeze;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Options;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.diff.ViewDiff;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import dev.viewmigrate.processor.validation.DeclarationValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The third phase: compares the views declared now with the newest frozen state and, when they differ, freezes the
 * new revisions (in memory: the files are written by {@code generate.OutputWriter} only once everything rendered).
 * Each new hand-written migration becomes a revision of its own, then one revision holds the view changes. In check
 * mode nothing is frozen: each missing revision is an error.
 */
public final class RevisionFreezer {
    private final Reporter reporter;
    private final Options.Mode mode;
    private final Dialect dialect;

    public RevisionFreezer(Reporter reporter, Options.Mode mode) {
        this(reporter, mode, Dialect.POSTGRESQL);
    }

    /** Freezes revisions written for {@code dialect} ({@code -Aviewmigrate.dialect}). */
    public RevisionFreezer(Reporter reporter, Options.Mode mode, Dialect dialect) {
        this.reporter = reporter;
        this.mode = mode;
        this.dialect = dialect;
    }

    /**
     * The chain after this compile.
     *
     * @param diff the views' difference to the newest frozen state
     * @param revisions the whole chain: the frozen revisions plus {@code added}
     * @param added the revisions frozen by this compile (none in check mode, or after an error)
     */
    public record Frozen(ViewDiff diff, List<Revision> revisions, List<Revision> added) {}

    /**
     * @param contentKnown false when a view's content is unknown (an attribute javac could not resolve): then
     *     nothing is frozen nor reported missing
     * @param clean no error was reported (by viewmigrate or javac): otherwise nothing is frozen
     * @param runtimePresent whether the runtime is on the compile class path (the migrations implement its types)
     * @param describe gives the view revision the user's description, when one was given
     * @return the chain, or empty after reporting that the runtime is missing
     */
    public Optional<Frozen> freeze(FrozenState frozen, List<Revision> chain, DeclarationValidator.Validated validated,
            boolean contentKnown, boolean clean, boolean runtimePresent, UnaryOperator<Revision> describe) {
        ViewDiff diff = ViewDiff.between(frozen.views(), validated.current());
        boolean changes = !diff.isEmpty() || !validated.newHandWritten().isEmpty();
        if (!runtimePresent && (changes || !chain.isEmpty())) {
            reporter.error(Messages.runtimeMissing(), Reporter.At.COMPILE);
            return Optional.empty();
        }
        List<Revision> revisions = new ArrayList<>(chain);
        List<Revision> added = new ArrayList<>();
        if (changes && mode == Options.Mode.CHECK) {
            if (contentKnown) {
                reportMissingRevisions(diff, validated);
            }
        } else if (changes && contentKnown && clean) {
            int parent = frozen.head();
            for (HandWrittenDefinition handWritten : validated.newHandWritten()) {
                int number = parent + 1;
                added.add(new Revision(number, parent, handWritten.description(),
                        SnapshotFormat.fileName(number, handWritten.description()), List.of(), List.of(),
                        Optional.of(handWritten), dialect));
                parent = number;
            }
            if (!diff.isEmpty()) {
                added.add(describe.apply(diff.toRevision(parent).withDialect(dialect)));
            }
            revisions.addAll(added);
        }
        return Optional.of(new Frozen(diff, revisions, added));
    }

    private void reportMissingRevisions(ViewDiff diff, DeclarationValidator.Validated validated) {
        for (ViewDefinition view : diff.created()) {
            reporter.error(Messages.revisionMissing(view.key().display(), "is new"), at(validated, view));
        }
        for (ViewDiff.Change change : diff.changed()) {
            reporter.error(Messages.revisionMissing(change.after().key().display(), "changed"),
                    at(validated, change.after()));
        }
        for (ViewDefinition view : diff.removed()) {
            reporter.error(Messages.revisionMissing(view.key().display(), "was removed (class "
                    + view.originClass() + ")"), Reporter.At.COMPILE);
        }
        for (HandWrittenDefinition handWritten : validated.newHandWritten()) {
            reporter.error(Messages.handWrittenRevisionMissing(handWritten.className()),
                    Reporter.At.element(validated.handWrittenTypes().get(handWritten.className())));
        }
    }

    private static Reporter.At at(DeclarationValidator.Validated validated, ViewDefinition view) {
        var declared = validated.valid().get(view.key());
        return declared == null ? Reporter.At.COMPILE : declared.declaration().at();
    }
}
