package dev.viewmigrate.processor;

import com.google.auto.service.AutoService;
import dev.viewmigrate.processor.amend.ChainEdits;
import dev.viewmigrate.processor.columns.ColumnCheck;
import dev.viewmigrate.processor.columns.ColumnCheckOptions;
import dev.viewmigrate.processor.columns.Naming;
import dev.viewmigrate.processor.diff.ViewDiff;
import dev.viewmigrate.processor.extract.Extractor;
import dev.viewmigrate.processor.extract.HandWrittenDeclaration;
import dev.viewmigrate.processor.extract.ViewDeclaration;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.DependencyGraph;
import dev.viewmigrate.processor.snapshot.SnapshotDirectory;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import dev.viewmigrate.processor.validation.HandWrittenValidator;
import dev.viewmigrate.processor.validation.ViewValidator;
import dev.viewmigrate.processor.writing.GeneratedFile;
import dev.viewmigrate.processor.writing.MigrationWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Freezes every change of the {@code @View}s into a revision file and generates the Java migrations of all
 * revisions plus the catalog the runtime loads.
 *
 * <p>It works in the first round, where every hand-written source is a root element: extract the declarations,
 * validate them (reporting on the element at fault), and only when everything is clean, diff against the newest
 * frozen state, append the new revision(s) and generate. It claims no annotation ({@code "*"}, returning false)
 * because it must also run when the last {@code @View} was deleted, to freeze the removal.
 */
@AutoService(Processor.class)
public final class ViewMigrateProcessor extends AbstractProcessor {
    private boolean firstRoundDone;
    /** The revision files this compile wrote, so that every later error can say exactly what is on disk. */
    private final List<Path> written = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public Set<String> getSupportedOptions() {
        Set<String> all = new TreeSet<>(Options.ALL);
        all.addAll(ChainEdits.OPTIONS);
        return all;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        try {
            if (!firstRoundDone) {
                firstRoundDone = true;
                firstRound(roundEnv, reporter);
            } else if (!roundEnv.processingOver()) {
                laterRound(roundEnv, reporter);
            }
        } catch (LinkageError e) {
            // A library of the processor is missing at run time (a bare processor jar on the processor path).
            reporter.error(Messages.processorPathIncomplete(missingClass(e), e.getClass().getSimpleName(),
                    writtenFiles()));
        } catch (Throwable e) { // never let an exception escape: javac would print a confusing crash
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            reporter.error(Messages.internalError(writtenFiles(), trace.toString()));
        }
        return false;
    }

    private List<String> writtenFiles() {
        return written.stream().map(Path::toString).toList();
    }

    /**
     * The class that could not be loaded, in dotted form. A class whose static initialiser failed on a missing class
     * is reported the second time as "Could not initialize class X"; the cause chain still names the missing one.
     */
    static String missingClass(LinkageError error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof NoClassDefFoundError && !message.startsWith("Could not initialize class")) {
                return message.replace('/', '.');
            }
            if (t instanceof ClassNotFoundException) {
                return message;
            }
        }
        return String.valueOf(error.getMessage()).replace('/', '.');
    }

    /** Views on classes generated by other processors arrive after the revision was frozen: refuse them. */
    private void laterRound(RoundEnvironment roundEnv, Reporter reporter) {
        TypeElement view = processingEnv.getElementUtils().getTypeElement(Extractor.VIEW);
        if (view == null) {
            return;
        }
        for (TypeElement type : ElementFilter.typesIn(roundEnv.getElementsAnnotatedWith(view))) {
            reporter.error(Messages.viewInLaterRound(type.getQualifiedName().toString()), type);
        }
    }

    private void firstRound(RoundEnvironment roundEnv, Reporter reporter) throws IOException {
        Options options = Options.parse(processingEnv.getOptions(), reporter);
        if (options == null) {
            return;
        }
        ChainEdits edits = ChainEdits.parse(processingEnv.getOptions(), options.mode() == Options.Mode.CHECK,
                reporter);
        if (edits == null) {
            return;
        }
        SnapshotDirectory directory = new SnapshotDirectory(options.snapshots());
        SnapshotDirectory.Chain chain = directory.read();
        chain.errors().forEach(reporter::error);
        if (!chain.ok()) {
            return; // without a readable chain there is nothing safe to diff against or to generate
        }
        FrozenState frozen = FrozenState.of(chain.revisions());
        // -Aviewmigrate.amend: diff against (and append to) the chain without its newest revision.
        ChainEdits.Base base = edits.base(chain.revisions(), directory, reporter);
        if (base == null) {
            return;
        }

        var elements = processingEnv.getElementUtils();
        ColumnCheckOptions columnOptions = ColumnCheckOptions.parse(processingEnv.getOptions(), reporter);
        Extractor extractor = new Extractor(elements, processingEnv.getFiler(),
                columnOptions == null ? Naming.EXACT : columnOptions.naming());
        Set<String> rootTypes = rootTypeNames(roundEnv);

        // Extract: the views and hand-written migrations of this compile.
        List<ViewDeclaration> declarations = new ArrayList<>();
        List<HandWrittenDeclaration> handWrittenDeclarations = new ArrayList<>();
        List<Element> originating = new ArrayList<>();
        TypeElement viewAnnotation = elements.getTypeElement(Extractor.VIEW);
        if (viewAnnotation != null) {
            for (Element element : roundEnv.getElementsAnnotatedWith(viewAnnotation)) {
                TypeElement type = (TypeElement) element;
                declarations.add(extractor.view(type, Extractor.mirror(type, Extractor.VIEW).orElseThrow()));
                originating.add(type);
            }
        }
        TypeElement handWrittenAnnotation = elements.getTypeElement(Extractor.HAND_WRITTEN);
        if (handWrittenAnnotation != null) {
            for (Element element : roundEnv.getElementsAnnotatedWith(handWrittenAnnotation)) {
                TypeElement type = (TypeElement) element;
                handWrittenDeclarations.add(
                        extractor.handWritten(type, Extractor.mirror(type, Extractor.HAND_WRITTEN).orElseThrow()));
                originating.add(type);
            }
        }
        originating.sort(Comparator.comparing(e -> ((TypeElement) e).getQualifiedName().toString()));

        // Validate: report every problem; anything invalid blocks freezing.
        ViewValidator viewValidator = new ViewValidator(reporter, extractor);
        Map<ViewKey, ViewValidator.ValidView> valid = viewValidator.validate(declarations);
        checkEntityColumns(valid, columnOptions, reporter);
        Map<ViewKey, ViewDefinition> current = new TreeMap<>();
        valid.forEach((key, view) -> current.put(key, view.definition()));
        addViewsOfCompiledClasses(frozen, rootTypes, current, extractor, previousViewClasses(options));
        checkDependencies(current, valid, reporter);

        HandWrittenValidator handWrittenValidator =
                new HandWrittenValidator(reporter, elements, processingEnv.getTypeUtils());
        Map<String, TypeElement> handWrittenTypes = new TreeMap<>();
        List<HandWrittenDefinition> newHandWritten = new ArrayList<>();
        Set<String> frozenHandWritten = new TreeSet<>();
        frozen.handWritten().forEach(h -> frozenHandWritten.add(h.className()));
        handWrittenDeclarations.sort(Comparator.comparing(HandWrittenDeclaration::className));
        for (HandWrittenDeclaration declaration : handWrittenDeclarations) {
            handWrittenTypes.put(declaration.className(), declaration.type());
            Optional<HandWrittenDefinition> definition = handWrittenValidator.validate(declaration);
            if (definition.isPresent() && !frozenHandWritten.contains(declaration.className())) {
                newHandWritten.add(definition.get());
            }
        }
        for (Revision revision : chain.revisions()) {
            revision.handWritten().ifPresent(handWritten -> {
                if (!handWrittenTypes.containsKey(handWritten.className())
                        && elements.getTypeElement(handWritten.className()) == null) {
                    reporter.error(Messages.handWrittenRemoved(handWritten.className(),
                            directory.path().resolve(revision.fileName()).toString()));
                }
            });
        }

        boolean runtimePresent = elements.getTypeElement("dev.viewmigrate.runtime.Migration") != null;
        ViewDiff diff = ViewDiff.between(base.state().views(), current);
        boolean changes = !diff.isEmpty() || !newHandWritten.isEmpty();
        if (!runtimePresent && (changes || !chain.revisions().isEmpty())) {
            reporter.error(Messages.runtimeMissing());
            return;
        }

        List<Revision> revisions = new ArrayList<>(base.revisions());
        List<Revision> added = new ArrayList<>();
        if (changes && options.mode() == Options.Mode.CHECK) {
            reportMissingRevision(diff, newHandWritten, valid, handWrittenTypes, reporter);
        } else if (changes && reporter.errorCount() == 0 && !roundEnv.errorRaised()) {
            // Freeze: each new hand-written migration as its own revision, then one revision for the views.
            int parent = base.state().head();
            for (HandWrittenDefinition handWritten : newHandWritten) {
                int number = parent + 1;
                added.add(new Revision(number, parent, handWritten.description(),
                        SnapshotFormat.fileName(number, handWritten.description()), List.of(), List.of(),
                        Optional.of(handWritten)));
                parent = number;
            }
            if (!diff.isEmpty()) {
                added.add(base.describe(diff.toRevision(parent)));
            }
            revisions.addAll(added);
        }
        // Everything that can fail (planning, rendering every source) happens before the first byte is written to
        // the snapshot directory; then the new revision files are written; only then are the sources emitted.
        List<GeneratedFile> files = List.of();
        if (runtimePresent) {
            TreeMap<ViewKey, String> viewClasses = new TreeMap<>();
            current.forEach((key, view) -> viewClasses.put(key, view.originClass()));
            files = new MigrationWriter(options.packageName()).files(revisions, viewClasses,
                    revision -> originatingOf(revision, valid, handWrittenTypes), originating);
        }
        if (edits.description().isPresent() && added.isEmpty() && options.mode() == Options.Mode.GENERATE) {
            reporter.note("[ViewDescription] -A" + ChainEdits.DESCRIPTION + " was given, but this compile froze no "
                    + "revision: the description was not used.");
        }
        boolean clean = reporter.errorCount() == 0 && !roundEnv.errorRaised();
        if (!added.isEmpty() || (base.amended().isPresent() && clean && options.mode() == Options.Mode.GENERATE)) {
            String failure = base.write(added, reporter);
            if (failure != null) {
                reporter.error(failure);
                return;
            }
            for (Revision revision : added) {
                Path file = directory.path().resolve(revision.fileName());
                written.add(file);
                reporter.note(Messages.revisionFrozen(file.toString(), revision.description()));
            }
        }
        emit(files, reporter);
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
        revision.handWritten().map(h -> handWrittenTypes.get(h.className())).ifPresent(originating::add);
        return List.copyOf(originating);
    }

    /**
     * Hands the rendered files to the Filer. A failure here comes after the revision files were written: the message
     * says which ones, and that they are complete (every compile regenerates all migration classes from them).
     */
    private void emit(List<GeneratedFile> files, Reporter reporter) {
        Filer filer = processingEnv.getFiler();
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
                reporter.error(Messages.generatedFileFailed(file.name(), e.toString(), writtenFiles()));
                return;
            }
        }
    }

    /** The columns each {@code @View} entity maps must be ones its view returns (reported, blocks freezing). */
    private void checkEntityColumns(Map<ViewKey, ViewValidator.ValidView> valid, ColumnCheckOptions settings,
            Reporter reporter) {
        if (settings == null || !settings.enabled()) {
            return;
        }
        List<ColumnCheck.CheckedView> views = new ArrayList<>();
        valid.forEach((key, view) -> views.add(new ColumnCheck.CheckedView(view.declaration().type(), key.display(),
                view.definition().sql())));
        new ColumnCheck(reporter, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), settings.naming())
                .check(views);
    }

    /**
     * Partial builds: a frozen view whose class is not compiled now but still exists (an IDE recompiling one file)
     * is read from its class file, so it is never mistaken for a removal. Only a class that is gone, or compiled now
     * without its {@code @View}, removes its view. If the class file's view can't be read cleanly, the frozen one
     * stands: a partial build must not freeze a change it can't see.
     */
    private void addViewsOfCompiledClasses(FrozenState frozen, Set<String> rootTypes,
            Map<ViewKey, ViewDefinition> current, Extractor extractor, Map<ViewKey, String> previousViewClasses) {
        Reporter silent = new Reporter(new SilentMessager());
        ViewValidator quietValidator = new ViewValidator(silent, extractor);
        for (ViewDefinition view : frozen.views().values()) {
            if (current.containsKey(view.key())) {
                continue;
            }
            // Where the snapshot says the view is declared, then where the previous build's catalog says it moved.
            List<String> candidates = new ArrayList<>();
            candidates.add(view.originClass());
            Optional.ofNullable(previousViewClasses.get(view.key())).ifPresent(candidates::add);
            for (String candidate : candidates) {
                if (rootTypes.contains(candidate)) {
                    continue; // compiled now: what it declares was extracted from source, a missing @View is real
                }
                TypeElement type = processingEnv.getElementUtils().getTypeElement(candidate);
                Optional<AnnotationMirror> mirror =
                        type == null ? Optional.empty() : Extractor.mirror(type, Extractor.VIEW);
                if (mirror.isEmpty()) {
                    continue; // the class is gone or lost its @View
                }
                Optional<ViewDefinition> compiled = quietValidator.validate(extractor.view(type, mirror.get()));
                if (compiled.isPresent() && !compiled.get().key().equals(view.key())) {
                    continue; // that class now declares another view (renamed): this one is not declared there
                }
                current.put(view.key(), compiled.orElse(view));
                break;
            }
        }
    }

    /**
     * The dependency graph of the views as declared now: a cycle is an error (PostgreSQL could never create them);
     * SQL the parser can't read is a warning on its class, because only dependsOn orders that view then.
     */
    private static void checkDependencies(Map<ViewKey, ViewDefinition> current,
            Map<ViewKey, ViewValidator.ValidView> valid, Reporter reporter) {
        DependencyGraph graph = DependencyGraph.of(current);
        for (ViewKey key : graph.unparsed()) {
            ViewValidator.ValidView view = valid.get(key);
            if (view != null && !suppressed(view.declaration().type(), Messages.SQL_NOT_PARSED_WARNING)) {
                ViewDeclaration declaration = view.declaration();
                AnnotationValue attribute = declaration.value("sql") != null ? declaration.value("sql")
                        : declaration.value("sqlResource");
                reporter.warning(Messages.viewSqlNotParsed(declaration.className(), key.display()),
                        declaration.type(), declaration.mirror(), attribute);
            }
        }
        graph.cycle().ifPresent(cycle -> {
            String text = String.join(" -> ", cycle.stream().map(ViewKey::display).toList());
            // On the first view of the cycle declared in this compile (a partial build may not see them all).
            Optional<ViewValidator.ValidView> at = cycle.stream().map(valid::get).filter(v -> v != null).findFirst();
            if (at.isPresent()) {
                ViewDeclaration declaration = at.get().declaration();
                reporter.error(Messages.viewDependencyCycle(declaration.className(), text), declaration.type(),
                        declaration.mirror());
            } else {
                reporter.error(Messages.viewDependencyCycle(current.get(cycle.get(0)).originClass(), text));
            }
        });
    }

    private static boolean suppressed(Element element, String warning) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
            if (annotation != null && List.of(annotation.value()).contains(warning)) {
                return true;
            }
        }
        return false;
    }

    /** The view-to-class index of the previous build's catalog, when its class file is on the class path. */
    private Map<ViewKey, String> previousViewClasses(Options options) {
        Map<ViewKey, String> index = new TreeMap<>();
        TypeElement catalog = processingEnv.getElementUtils()
                .getTypeElement(options.packageName() + "." + MigrationWriter.CATALOG_SIMPLE_NAME);
        if (catalog == null) {
            return index;
        }
        for (var field : ElementFilter.fieldsIn(catalog.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(MigrationWriter.VIEW_CLASSES)
                    && field.getConstantValue() instanceof String text) {
                for (String line : text.split("\n")) {
                    String[] parts = line.split("\t", -1);
                    if (parts.length == 3) {
                        index.put(new ViewKey(parts[0], parts[1]), parts[2]);
                    }
                }
            }
        }
        return index;
    }

    private static void reportMissingRevision(ViewDiff diff, List<HandWrittenDefinition> newHandWritten,
            Map<ViewKey, ViewValidator.ValidView> valid, Map<String, TypeElement> handWrittenTypes,
            Reporter reporter) {
        for (ViewDefinition view : diff.created()) {
            report(reporter, Messages.revisionMissing(view.key().display(), "is new"), valid.get(view.key()));
        }
        for (ViewDiff.Change change : diff.changed()) {
            report(reporter, Messages.revisionMissing(change.after().key().display(), "changed"),
                    valid.get(change.after().key()));
        }
        for (ViewDefinition view : diff.removed()) {
            reporter.error(Messages.revisionMissing(view.key().display(), "was removed (class "
                    + view.originClass() + ")"));
        }
        for (HandWrittenDefinition handWritten : newHandWritten) {
            reporter.error(Messages.handWrittenRevisionMissing(handWritten.className()),
                    handWrittenTypes.get(handWritten.className()));
        }
    }

    private static void report(Reporter reporter, String message, ViewValidator.ValidView view) {
        if (view == null) {
            reporter.error(message);
        } else {
            reporter.error(message, view.declaration().type(), view.declaration().mirror());
        }
    }

    private static Set<String> rootTypeNames(RoundEnvironment roundEnv) {
        Set<String> names = new TreeSet<>();
        List<TypeElement> pending = new ArrayList<>(ElementFilter.typesIn(roundEnv.getRootElements()));
        while (!pending.isEmpty()) {
            TypeElement type = pending.remove(pending.size() - 1);
            names.add(type.getQualifiedName().toString());
            pending.addAll(ElementFilter.typesIn(type.getEnclosedElements()));
        }
        return names;
    }

    /** Swallows diagnostics: used to read views from class files without reporting on them. */
    private static final class SilentMessager implements Messager {
        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
                AnnotationValue v) {}
    }
}
