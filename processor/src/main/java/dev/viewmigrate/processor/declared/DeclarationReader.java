package dev.viewmigrate.processor.declared;

import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.extract.Extractor;
import dev.viewmigrate.processor.extract.HandWrittenDeclaration;
import dev.viewmigrate.processor.extract.ViewDeclaration;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.validation.ViewValidator;
import dev.viewmigrate.processor.writing.MigrationWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The first phase: what this compile declares. The {@code @View} and {@code @HandWrittenMigration} classes compiled
 * now, read from source; and, for a partial build (an IDE recompiling one file), the frozen views whose classes are
 * not compiled now but still exist, read from their class files, so that they are never mistaken for removals.
 */
public final class DeclarationReader {
    private final Elements elements;
    private final Extractor extractor;
    private final String packageName;

    /** {@code -Aviewmigrate.rebuild=side-by-side}: views read from class files resolve their default with it. */
    private final boolean sideBySideDefault;

    public DeclarationReader(Elements elements, Extractor extractor, String packageName) {
        this(elements, extractor, packageName, false);
    }

    public DeclarationReader(Elements elements, Extractor extractor, String packageName, boolean sideBySideDefault) {
        this.elements = elements;
        this.extractor = extractor;
        this.packageName = packageName;
        this.sideBySideDefault = sideBySideDefault;
    }

    /**
     * What the compile declares.
     *
     * @param views the {@code @View} classes compiled now, in class name order, except those javac could not
     *     resolve (it reports them; see {@link #unresolved})
     * @param unresolved classes whose {@code @View} holds a value javac could not resolve: left alone (javac's own
     *     error says what is wrong), and while there is one nothing can be frozen, since that view's content is
     *     unknown
     * @param fromClassFiles frozen views whose class is not compiled now, as their class files declare them
     * @param originating every declaring class compiled now, sorted (the generated catalog derives from them)
     */
    public record Declarations(List<ViewDeclaration> views, List<TypeElement> unresolved,
            List<HandWrittenDeclaration> handWritten, Map<ViewKey, ViewDefinition> fromClassFiles,
            List<Element> originating) {}

    public Declarations read(RoundEnvironment round, FrozenState frozen) {
        List<ViewDeclaration> views = new ArrayList<>();
        List<TypeElement> unresolved = new ArrayList<>();
        List<HandWrittenDeclaration> handWritten = new ArrayList<>();
        List<Element> originating = new ArrayList<>();
        TypeElement viewAnnotation = elements.getTypeElement(Extractor.VIEW);
        if (viewAnnotation != null) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(viewAnnotation))) {
                ViewDeclaration declaration = extractor.view(type, Extractor.mirror(type, Extractor.VIEW).orElseThrow());
                if (declaration.unresolved()) {
                    unresolved.add(type);
                } else {
                    views.add(declaration);
                }
                originating.add(type);
            }
        }
        TypeElement handWrittenAnnotation = elements.getTypeElement(Extractor.HAND_WRITTEN);
        if (handWrittenAnnotation != null) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(handWrittenAnnotation))) {
                handWritten.add(extractor.handWritten(type,
                        Extractor.mirror(type, Extractor.HAND_WRITTEN).orElseThrow()));
                originating.add(type);
            }
        }
        views.sort(Comparator.comparing(ViewDeclaration::className));
        handWritten.sort(Comparator.comparing(HandWrittenDeclaration::className));
        originating.sort(Comparator.comparing(e -> ((TypeElement) e).getQualifiedName().toString()));
        Set<ViewKey> declared = new TreeSet<>();
        views.forEach(view -> declared.add(new ViewKey(view.schema(), view.name())));
        return new Declarations(views, unresolved, handWritten,
                viewsOfCompiledClasses(frozen, declared, rootTypeNames(round)), originating);
    }

    /**
     * Partial builds: a frozen view whose class is not compiled now but still exists is read from its class file.
     * Only a class that is gone, or compiled now without its {@code @View}, removes its view. If the class file's
     * view can't be read cleanly, the frozen one stands: a partial build must not freeze a change it can't see.
     */
    private Map<ViewKey, ViewDefinition> viewsOfCompiledClasses(FrozenState frozen, Set<ViewKey> declared,
            Set<String> rootTypes) {
        Map<ViewKey, ViewDefinition> found = new TreeMap<>();
        Map<ViewKey, String> previousViewClasses = previousViewClasses();
        ViewValidator quietValidator = new ViewValidator(Reporter.silent(), extractor,
                dev.viewmigrate.processor.model.Dialect.POSTGRESQL, sideBySideDefault);
        for (ViewDefinition view : frozen.views().values()) {
            if (declared.contains(view.key())) {
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
                TypeElement type = elements.getTypeElement(candidate);
                Optional<AnnotationMirror> mirror =
                        type == null ? Optional.empty() : Extractor.mirror(type, Extractor.VIEW);
                if (mirror.isEmpty()) {
                    continue; // the class is gone or lost its @View
                }
                ViewDeclaration declaration = extractor.view(type, mirror.get());
                Optional<ViewDefinition> compiled = declaration.unresolved() ? Optional.empty()
                        : quietValidator.validate(declaration);
                if (compiled.isPresent() && !compiled.get().key().equals(view.key())) {
                    continue; // that class now declares another view (renamed): this one is not declared there
                }
                found.put(view.key(), compiled.orElse(view));
                break;
            }
        }
        return found;
    }

    /** The view-to-class index of the previous build's catalog, when its class file is on the class path. */
    private Map<ViewKey, String> previousViewClasses() {
        Map<ViewKey, String> index = new TreeMap<>();
        TypeElement catalog = elements.getTypeElement(packageName + "." + MigrationWriter.CATALOG_SIMPLE_NAME);
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

    private static Set<String> rootTypeNames(RoundEnvironment round) {
        Set<String> names = new TreeSet<>();
        List<TypeElement> pending = new ArrayList<>(ElementFilter.typesIn(round.getRootElements()));
        while (!pending.isEmpty()) {
            TypeElement type = pending.remove(pending.size() - 1);
            names.add(type.getQualifiedName().toString());
            pending.addAll(ElementFilter.typesIn(type.getEnclosedElements()));
        }
        return names;
    }
}
