package dev.viewmigrate.processor.generate;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.PhaseTimes;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.freeze.RevisionFreezer;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.PlannedRevision;
import dev.viewmigrate.processor.snapshot.SnapshotDirectory;
import dev.viewmigrate.processor.validation.DeclarationValidator;
import dev.viewmigrate.processor.validation.ViewValidator;
import dev.viewmigrate.processor.writing.GeneratedFile;
import dev.viewmigrate.processor.writing.MigrationWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The last phases: plan and render every migration source in memory, then write the new revision files, then hand the
 * sources to the Filer. Everything that can fail (planning, rendering) happens before the first byte is written to the
 * snapshot directory.
 */
public final class MigrationGenerator {
    private final Reporter reporter;
    private final Filer filer;
    private final String packageName;
    /** The revision files this compile wrote, shared with the processor so that every later error can name them. */
    private final List<Path> written;

    public MigrationGenerator(Reporter reporter, Filer filer, String packageName, List<Path> written) {
        this.reporter = reporter;
        this.filer = filer;
        this.packageName = packageName;
        this.written = written;
    }

    /**
     * Plans every revision of the chain (the plan phase: {@link PlannedRevision#planAll}), then renders its
     * migration, the catalog and its service file (the writer only writes).
     */
    public List<GeneratedFile> render(RevisionFreezer.Frozen frozen, DeclarationValidator.Validated validated,
            List<Element> originating, PhaseTimes times) {
        TreeMap<ViewKey, String> viewClasses = new TreeMap<>();
        validated.current().forEach((key, view) -> viewClasses.put(key, view.originClass()));
        List<PlannedRevision> planned = times.time("plan", () -> PlannedRevision.planAll(frozen.revisions()));
        return times.time("render", () -> new MigrationWriter(packageName).files(planned, viewClasses,
                revision -> originatingOf(revision, validated.valid(), validated.handWrittenTypes()), originating));
    }

    /**
     * Writes the new revision files (through {@code append}, which also replaces an amended revision; called when
     * something was added or a revision is amended), then the rendered sources; false after reporting a failure.
     */
    public boolean write(List<Revision> added, boolean amending, Function<List<Revision>, String> append,
            Path directory, List<GeneratedFile> files) {
        if (!added.isEmpty() || amending) {
            String failure = append.apply(added);
            if (failure != null) {
                reporter.error(failure, Reporter.At.COMPILE);
                return false;
            }
            for (Revision revision : added) {
                Path file = directory.resolve(revision.fileName());
                written.add(file);
                reporter.note(Messages.revisionFrozen(file.toString(), revision.description()), Reporter.At.COMPILE);
            }
        }
        return emit(files);
    }

    /** The classes of this compile that a revision is derived from (for incremental builds). */
    private static List<Element> originatingOf(Revision revision, Map<ViewKey, ViewValidator.ValidView> valid,
            Map<String, TypeElement> handWrittenTypes) {
        Set<Element> originating = new LinkedHashSet<>();
        for (ViewDefinition view : revision.views()) {
            ViewValidator.ValidView declared = valid.get(view.key());
            if (declared != null) {
                originating.add(declared.declaration().type());
            }
        }
        revision.handWritten().stream().map(h -> handWrittenTypes.get(h.className())).filter(java.util.Objects::nonNull)
                .forEach(originating::add);
        return List.copyOf(originating);
    }

    /**
     * Hands the rendered files to the Filer. A failure here comes after the revision files were written: the message
     * says which ones, and that they are complete (every compile regenerates all migration classes from them).
     */
    private boolean emit(List<GeneratedFile> files) {
        for (GeneratedFile file : files) {
            Element[] originating = file.originatingElements().toArray(new Element[0]);
            try {
                FileObject output = file.kind() == GeneratedFile.Kind.SOURCE
                        ? filer.createSourceFile(file.name(), originating)
                        : filer.createResource(StandardLocation.CLASS_OUTPUT, "", file.name(), originating);
                try (Writer out = new OutputStreamWriter(output.openOutputStream(), StandardCharsets.UTF_8)) {
                    out.write(file.content());
                }
            } catch (IOException | RuntimeException e) {
                reporter.error(Messages.generatedFileFailed(file.name(), e.toString(),
                        written.stream().map(Path::toString).toList()), Reporter.At.COMPILE);
                return false;
            }
        }
        return true;
    }
}
