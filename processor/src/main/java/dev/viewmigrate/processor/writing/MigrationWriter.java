package dev.viewmigrate.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.MigrationPlan;
import dev.viewmigrate.processor.plan.Planner;
import dev.viewmigrate.processor.plan.SqlRenderer;
import dev.viewmigrate.processor.plan.Step;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates the Java sources: one {@code RevisionNNNN implements Migration} per revision, holding its frozen SQL as
 * constants and its checksum, and the {@code ViewMigrateCatalog} that lists them in order. The output depends only
 * on the revisions (not on the machine, the time or the order of source files), so a clean build reproduces it
 * byte for byte.
 */
public final class MigrationWriter {
    public static final String PROCESSOR_NAME = "dev.viewmigrate.processor.ViewMigrateProcessor";
    public static final String CATALOG_SIMPLE_NAME = "ViewMigrateCatalog";
    public static final String CATALOG_SERVICE = "META-INF/services/dev.viewmigrate.runtime.MigrationCatalog";

    private static final ClassName MIGRATION = ClassName.get("dev.viewmigrate.runtime", "Migration");
    private static final ClassName MIGRATION_CATALOG = ClassName.get("dev.viewmigrate.runtime", "MigrationCatalog");
    private static final ClassName MIGRATION_CONTEXT = ClassName.get("dev.viewmigrate.runtime", "MigrationContext");
    private static final ClassName FROZEN_VIEW = ClassName.get("dev.viewmigrate.runtime", "FrozenView");
    private static final ClassName FROZEN_INDEX = FROZEN_VIEW.nestedClass("FrozenIndex");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private final String packageName;

    public MigrationWriter(String packageName) {
        this.packageName = packageName;
    }

    public static String className(Revision revision) {
        return String.format(Locale.ROOT, "Revision%04d", revision.number());
    }

    public ClassName catalogClassName() {
        return ClassName.get(packageName, CATALOG_SIMPLE_NAME);
    }

    /**
     * Every file of a compile, rendered in memory: the migration class of each revision (planned from the state the
     * revisions before it leave), the catalog, and the catalog's service registration.
     *
     * @param originatingOf the classes of this compile that a revision is derived from
     * @param allOriginating every {@code @View} and hand-written class of this compile (the catalog's origins)
     */
    public List<GeneratedFile> files(List<Revision> chain, SortedMap<ViewKey, String> viewClasses,
            Function<Revision, List<Element>> originatingOf, List<Element> allOriginating) {
        List<GeneratedFile> files = new ArrayList<>();
        FrozenState state = FrozenState.EMPTY;
        for (Revision revision : chain) {
            List<Element> originating = originatingOf.apply(revision);
            files.add(source(revision(revision, Planner.plan(state, revision), originating), originating));
            state = state.apply(revision);
        }
        files.add(source(catalog(chain, viewClasses, allOriginating), allOriginating));
        files.add(new GeneratedFile(GeneratedFile.Kind.RESOURCE, CATALOG_SERVICE,
                catalogClassName().canonicalName() + "\n", allOriginating));
        return files;
    }

    private static GeneratedFile source(JavaFile file, List<Element> originating) {
        String name = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        return new GeneratedFile(GeneratedFile.Kind.SOURCE, name, file.toString(), originating);
    }

    /** The migration class of one revision. */
    public JavaFile revision(Revision revision, MigrationPlan plan, List<? extends Element> originatingElements) {
        TypeSpec.Builder type = TypeSpec.classBuilder(className(revision))
                .addJavadoc("Revision $L: $L.\n\n<p>Frozen in {@code $L}.\n", revision.id(),
                        javadocText(revision.description()), revision.fileName())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION)
                .addField(constant(String.class, "REVISION", CodeBlock.of("$S", revision.id()), Modifier.PUBLIC))
                .addField(constant(String.class, "DESCRIPTION", CodeBlock.of("$S", revision.description()),
                        Modifier.PUBLIC))
                .addField(FieldSpec.builder(int.class, "CHECKSUM", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("CRC32 of the canonical text of {@code $L}.\n", revision.fileName())
                        .initializer("$L", SnapshotFormat.checksum(revision))
                        .build());
        originatingElements.forEach(type::addOriginatingElement);

        MethodSpec.Builder upgrade = body("upgrade");
        MethodSpec.Builder downgrade = body("downgrade");
        List<FieldSpec> constants = new ArrayList<>();
        addSteps(plan.upgrade(), "UPGRADE", upgrade, constants);
        addSteps(plan.downgrade(), "DOWNGRADE", downgrade, constants);
        constants.forEach(type::addField);

        TypeName frozenViews = ParameterizedTypeName.get(ClassName.get(List.class), FROZEN_VIEW);
        TypeName strings = ParameterizedTypeName.get(List.class, String.class);
        if (!revision.isHandWritten()) {
            type.addField(FieldSpec.builder(frozenViews, "VIEWS_AFTER", Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(viewsAfter(revision.views()))
                    .build());
            type.addField(FieldSpec.builder(strings, "VIEWS_REMOVED", Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(listOf(revision.removed().stream()
                            .map(key -> CodeBlock.of("$S", key.display())).toList()))
                    .build());
        }
        type.addMethod(getter(String.class, "revision", "REVISION"))
                .addMethod(getter(String.class, "description", "DESCRIPTION"))
                .addMethod(getter(int.class, "checksum", "CHECKSUM"));
        if (!revision.isHandWritten()) {
            type.addMethod(getter(frozenViews, "viewsAfter", "VIEWS_AFTER"))
                    .addMethod(getter(strings, "viewsRemoved", "VIEWS_REMOVED"));
        }
        type.addMethod(upgrade.build())
                .addMethod(downgrade.build());
        return javaFile(type.build(), "Generated by viewmigrate from revision file " + revision.fileName()
                + ".\nDo not edit: change the @View classes and compile again.");
    }

    /** Name of the catalog constant that records which class declares each view (see {@link #catalog}). */
    public static final String VIEW_CLASSES = "VIEW_CLASSES";

    /**
     * The catalog listing every revision, oldest first; the runtime finds it with ServiceLoader. It also records
     * which class declares each view now ({@code schema TAB name TAB class} lines), so that a later partial build
     * finds a view that moved to another class after it was frozen.
     */
    public JavaFile catalog(List<Revision> chain, SortedMap<ViewKey, String> viewClasses,
            List<? extends Element> originatingElements) {
        StringBuilder index = new StringBuilder();
        viewClasses.forEach((key, className) ->
                index.append(key.schema()).append('\t').append(key.name()).append('\t').append(className).append('\n'));
        CodeBlock.Builder list = CodeBlock.builder();
        if (chain.isEmpty()) {
            list.add("return $T.of()", List.class);
        } else {
            list.add("return $T.of(", List.class);
            for (int i = 0; i < chain.size(); i++) {
                list.add("\nnew $T()$L", ClassName.get(packageName, className(chain.get(i))),
                        i < chain.size() - 1 ? "," : "");
            }
            list.add(")");
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(CATALOG_SIMPLE_NAME)
                .addJavadoc("The application's revisions, oldest first: $L.\n", chain.size())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION_CATALOG)
                .addField(FieldSpec.builder(String.class, VIEW_CLASSES, Modifier.PUBLIC, Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("Which class declares each view: read back by the processor in partial builds.\n")
                        .initializer("$S", index.toString())
                        .build())
                .addMethod(MethodSpec.methodBuilder("migrations")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(List.class), MIGRATION))
                        .addStatement(list.build())
                        .build());
        originatingElements.forEach(type::addOriginatingElement);
        return javaFile(type.build(), "Generated by viewmigrate from the snapshot directory.\nDo not edit: change the"
                + " @View classes and compile again.");
    }

    private void addSteps(List<Step> steps, String prefix, MethodSpec.Builder method, List<FieldSpec> constants) {
        for (Step step : steps) {
            if (step instanceof Step.RunHandWritten run) {
                method.addStatement("new $T().$L(context)", ClassName.bestGuess(run.className()),
                        run.upgrade() ? "upgrade" : "downgrade");
                continue;
            }
            for (String sql : SqlRenderer.statements(step)) {
                String name = prefix + "_" + (constants.stream().filter(c -> c.name().startsWith(prefix)).count() + 1);
                constants.add(constant(String.class, name, CodeBlock.of("$S", sql), Modifier.PRIVATE));
                method.addStatement("context.execute($N)", name);
            }
        }
    }

    private JavaFile javaFile(TypeSpec type, String fileComment) {
        return JavaFile.builder(packageName, type)
                .addFileComment("$L", fileComment)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR_NAME).build();
    }

    private static FieldSpec constant(Class<?> type, String name, CodeBlock value, Modifier visibility) {
        return FieldSpec.builder(type, name, visibility, Modifier.STATIC, Modifier.FINAL).initializer(value).build();
    }

    private static MethodSpec getter(Class<?> type, String name, String constant) {
        return getter(TypeName.get(type), name, constant);
    }

    private static MethodSpec getter(TypeName type, String name, String constant) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $N", constant)
                .build();
    }

    /** The views a revision creates or changes, as the runtime's {@code FrozenView} constants. */
    private static CodeBlock viewsAfter(List<ViewDefinition> views) {
        List<CodeBlock> items = new ArrayList<>();
        for (ViewDefinition view : views) {
            CodeBlock schema = view.key().schema().isEmpty()
                    ? CodeBlock.of("$T.empty()", Optional.class)
                    : CodeBlock.of("$T.of($S)", Optional.class, view.key().schema());
            List<CodeBlock> indexes = new ArrayList<>();
            for (IndexDefinition index : view.indexes()) {
                indexes.add(CodeBlock.of("new $T($S, $L, $L)", FROZEN_INDEX, index.name(),
                        listOf(index.columns().stream().map(c -> CodeBlock.of("$S", c)).toList()), index.unique()));
            }
            items.add(CodeBlock.of("new $T($L, $S, $L, $L, $S,\n$L)", FROZEN_VIEW, schema, view.key().name(),
                    view.materialized(), view.withData(), view.sql(), listOf(indexes)));
        }
        return listOf(items);
    }

    /** {@code List.of()}, or one item per line. */
    private static CodeBlock listOf(List<CodeBlock> items) {
        if (items.isEmpty()) {
            return CodeBlock.of("$T.of()", List.class);
        }
        return CodeBlock.builder().add("$T.of(\n$>$>", List.class).add(CodeBlock.join(items, ",\n")).add("$<$<)")
                .build();
    }

    private static MethodSpec.Builder body(String name) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(MIGRATION_CONTEXT, "context")
                .addException(Exception.class);
    }

    /** Descriptions are user text; keep them from closing the javadoc comment. */
    private static String javadocText(String text) {
        return text.replace("*/", "*&#47;");
    }
}
