package dev.viewmigrate.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.MigrationPlan;
import dev.viewmigrate.processor.plan.PlannedRevision;
import dev.viewmigrate.processor.plan.Step;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the Java sources of planned revisions: one {@code RevisionNNNN implements Migration} per revision, holding
 * its frozen views as {@code FrozenView} constants, its checksum, and its plan as calls of the runtime's view steps
 * ({@code steps.drop(...)}, {@code steps.create(...)}); and the {@code ViewMigrateCatalog} that lists them in order.
 * The SQL of each step lives once, in the runtime. The output depends only on the revisions (not on the machine,
 * the time or the order of source files), so a clean build reproduces it byte for byte.
 *
 * <p>Big revisions stay within the JVM's limits: more than {@value #VIEWS_PER_CLASS} view constants go to nested
 * holder classes, long lists are built by helper methods, and long step sequences are split into methods.
 */
public final class MigrationWriter {
    public static final String PROCESSOR_NAME = "dev.viewmigrate.processor.ViewMigrateProcessor";
    public static final String CATALOG_SIMPLE_NAME = "ViewMigrateCatalog";
    public static final String CATALOG_SERVICE = "META-INF/services/dev.viewmigrate.runtime.MigrationCatalog";

    /** View constants per class (the main class or a nested holder): keeps every class initialiser small. */
    static final int VIEWS_PER_CLASS = 100;
    /** Items of a list written inline; longer lists are built by helper methods of this many items each. */
    private static final int LIST_CHUNK = 100;
    /** Step calls per method; longer plans are split into several methods. */
    private static final int STEPS_PER_METHOD = 400;

    private static final String RUNTIME = "dev.viewmigrate.runtime";
    private static final ClassName MIGRATION = ClassName.get(RUNTIME, "Migration");
    private static final ClassName GENERATED_MIGRATION = ClassName.get(RUNTIME, "GeneratedMigration");
    private static final ClassName MIGRATION_CATALOG = ClassName.get(RUNTIME, "MigrationCatalog");
    private static final ClassName MIGRATION_CONTEXT = ClassName.get(RUNTIME, "MigrationContext");
    private static final ClassName FROZEN_VIEW = ClassName.get(RUNTIME, "FrozenView");
    private static final ClassName FROZEN_INDEX = ClassName.get(RUNTIME, "FrozenIndex");
    private static final ClassName VIEW_NAME = ClassName.get(RUNTIME, "ViewName");
    private static final ClassName VIEW_STEPS = ClassName.get(RUNTIME, "ViewSteps");
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
     * Every file of a compile, rendered in memory: the migration class of each planned revision, the catalog, and
     * the catalog's service registration.
     *
     * @param originatingOf the classes of this compile that a revision is derived from
     * @param allOriginating every {@code @View} and hand-written class of this compile (the catalog's origins)
     */
    public List<GeneratedFile> files(List<PlannedRevision> chain, SortedMap<ViewKey, String> viewClasses,
            Function<Revision, List<Element>> originatingOf, List<Element> allOriginating) {
        List<GeneratedFile> files = new ArrayList<>();
        List<Revision> revisions = new ArrayList<>();
        for (PlannedRevision planned : chain) {
            List<Element> originating = originatingOf.apply(planned.revision());
            files.add(source(revision(planned.revision(), planned.plan(), originating), originating));
            revisions.add(planned.revision());
        }
        files.add(source(catalog(revisions, viewClasses, allOriginating), allOriginating));
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
                .addJavadoc("Revision $L: $L.\n\n<p>Frozen in {@code $L}; the checksum is the CRC32 of its canonical text.\n",
                        revision.id(), JavaText.javadoc(revision.description()), revision.fileName())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(GENERATED_MIGRATION);
        originatingElements.forEach(type::addOriginatingElement);

        Constants constants = new Constants(revision, plan);
        constants.addTo(type);
        Helpers helpers = new Helpers();
        List<CodeBlock> after = revision.views().stream()
                .map(view -> constants.ref(plan.after().get(view.key()))).toList();
        List<CodeBlock> removed = revision.removed().stream().map(MigrationWriter::viewName).toList();
        CodeBlock lists;
        if (after.size() <= LIST_CHUNK && removed.size() <= LIST_CHUNK) {
            lists = CodeBlock.of("$L, $L", list(after), list(removed));
        } else {
            // Arrays: javac infers nothing for an array initializer (List.of or Collections.addAll of thousands of
            // views cost it seconds).
            lists = CodeBlock.of("$L, new $T[] {$L}", helpers.array("allViewsAfter", after), VIEW_NAME,
                    CodeBlock.join(removed, ", "));
        }
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addStatement("super($S, $L, $L, $L)", revision.id(), JavaText.literal(revision.description()),
                        SnapshotFormat.checksum(revision), lists)
                .build());
        if (revision.dialect() != Dialect.POSTGRESQL) {
            // PostgreSQL is the runtime's default: its migrations stay as they were before dialects existed.
            type.addMethod(MethodSpec.methodBuilder("dialect")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addStatement("return $S", revision.dialect().optionValue())
                    .build());
        }
        direction(type, "upgrade", plan.upgrade(), constants, helpers);
        direction(type, "downgrade", plan.downgrade(), constants, helpers);
        helpers.methods.forEach(type::addMethod);
        return javaFile(type.build(), "Generated by viewmigrate from revision file " + revision.fileName()
                + ".\nDo not edit: change the @View classes and compile again.");
    }

    /** The {@code upgrade} or {@code downgrade} method: one step call per line, consecutive like steps merged. */
    private static void direction(TypeSpec.Builder type, String name, List<Step> steps, Constants constants,
            Helpers helpers) {
        List<CodeBlock> calls = calls(name, steps, constants, helpers);
        boolean usesSteps = steps.stream().anyMatch(step -> !(step instanceof Step.RunHandWritten));
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(MIGRATION_CONTEXT, "context")
                .addException(Exception.class);
        if (usesSteps) {
            method.addStatement("$T steps = context.views()", VIEW_STEPS);
        }
        if (calls.size() <= STEPS_PER_METHOD) {
            calls.forEach(method::addStatement);
        } else {
            // A method's code is limited to 64 KB: call parts of at most STEPS_PER_METHOD steps each.
            for (int part = 0; part * STEPS_PER_METHOD < calls.size(); part++) {
                String partName = name + (part + 1);
                MethodSpec.Builder partMethod = MethodSpec.methodBuilder(partName)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addParameter(MIGRATION_CONTEXT, "context")
                        .addParameter(VIEW_STEPS, "steps")
                        .addException(Exception.class);
                calls.subList(part * STEPS_PER_METHOD, Math.min(calls.size(), (part + 1) * STEPS_PER_METHOD))
                        .forEach(partMethod::addStatement);
                type.addMethod(partMethod.build());
                method.addStatement("$N(context, steps)", partName);
            }
        }
        type.addMethod(method.build());
    }

    private static List<CodeBlock> calls(String direction, List<Step> steps, Constants constants,
            Helpers helpers) {
        List<CodeBlock> calls = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            Step step = steps.get(i);
            if (step instanceof Step.RunHandWritten run) {
                calls.add(CodeBlock.of("new $T().$L(context)", ClassName.bestGuess(run.className()),
                        run.upgrade() ? "upgrade" : "downgrade"));
                i++;
            } else if (step instanceof Step.CheckDependents check) {
                calls.add(call(direction, "checkDependents", views(check.dropped(), constants), helpers));
                i++;
            } else if (step instanceof Step.SavePrivileges save) {
                calls.add(call(direction, "savePrivileges", views(save.views(), constants), helpers));
                i++;
            } else if (step instanceof Step.RestorePrivileges restore) {
                calls.add(call(direction, "restorePrivileges", views(restore.views(), constants), helpers));
                i++;
            } else if (step instanceof Step.DropView) {
                List<CodeBlock> run = new ArrayList<>();
                for (; i < steps.size() && steps.get(i) instanceof Step.DropView drop; i++) {
                    run.add(constants.ref(drop.view()));
                }
                calls.add(call(direction, "drop", run, helpers));
            } else if (step instanceof Step.BuildBeside build) {
                calls.add(call(direction, "buildBeside", views(build.views(), constants), helpers));
                i++;
            } else if (step instanceof Step.SwapIn) {
                List<CodeBlock> run = new ArrayList<>();
                for (; i < steps.size() && steps.get(i) instanceof Step.SwapIn swap; i++) {
                    run.add(constants.ref(swap.view()));
                }
                calls.add(call(direction, "swapIn", run, helpers));
            } else if (step instanceof Step.CreateView) {
                List<CodeBlock> run = new ArrayList<>();
                for (; i < steps.size() && steps.get(i) instanceof Step.CreateView create; i++) {
                    run.add(constants.ref(create.view()));
                }
                calls.add(call(direction, "create", run, helpers));
            } else if (step instanceof Step.ReplaceView replace) {
                List<CodeBlock> arguments = new ArrayList<>();
                arguments.add(constants.ref(replace.from()));
                arguments.add(constants.ref(replace.to()));
                if (replace.dependents().size() <= LIST_CHUNK) {
                    arguments.addAll(views(replace.dependents(), constants));
                    calls.add(CodeBlock.of("steps.replace($L)", CodeBlock.join(arguments, ", ")));
                } else {
                    calls.add(CodeBlock.of("steps.replace($L, $L)", CodeBlock.join(arguments, ", "),
                            helpers.array(direction + "ReplaceDependents", views(replace.dependents(), constants))));
                }
                i++;
            } else if (step instanceof Step.Alter alter) {
                calls.add(CodeBlock.of("steps.alter($L, $L)", constants.ref(alter.from()), constants.ref(alter.to())));
                i++;
            } else if (step instanceof Step.CreateIndex || step instanceof Step.DropIndex) {
                boolean create = step instanceof Step.CreateIndex;
                ViewDefinition view = create ? ((Step.CreateIndex) step).view() : ((Step.DropIndex) step).view();
                List<CodeBlock> names = new ArrayList<>();
                for (; i < steps.size(); i++) {
                    Step next = steps.get(i);
                    if (create && next instanceof Step.CreateIndex index && index.view().equals(view)) {
                        names.add(CodeBlock.of("$L", JavaText.literal(index.index().name())));
                    } else if (!create && next instanceof Step.DropIndex index && index.view().equals(view)) {
                        names.add(CodeBlock.of("$L", JavaText.literal(index.index().name())));
                    } else {
                        break;
                    }
                }
                calls.add(CodeBlock.of("steps.$L($L, $L)", create ? "createIndexes" : "dropIndexes",
                        constants.ref(view), CodeBlock.join(names, ", ")));
            } else {
                throw new IllegalArgumentException("unknown step " + step);
            }
        }
        return calls;
    }

    private static List<CodeBlock> views(List<ViewDefinition> views, Constants constants) {
        return views.stream().map(constants::ref).toList();
    }

    /** {@code steps.method(A, B)}: varargs for a short list, a built list for a long one. */
    private static CodeBlock call(String direction, String method, List<CodeBlock> arguments, Helpers helpers) {
        if (arguments.size() <= LIST_CHUNK) {
            return CodeBlock.of("steps.$L($L)", method, CodeBlock.join(arguments, ", "));
        }
        String name = direction + Character.toUpperCase(method.charAt(0)) + method.substring(1);
        return CodeBlock.of("steps.$L($L)", method, helpers.array(name, arguments));
    }

    /** {@code List.of(a, b)}: a short list. */
    private static CodeBlock list(List<CodeBlock> items) {
        return items.isEmpty() ? CodeBlock.of("$T.of()", List.class)
                : CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(items, ", "));
    }

    private static CodeBlock viewName(ViewKey key) {
        return key.schema().isEmpty()
                ? CodeBlock.of("$T.of($L)", VIEW_NAME, JavaText.literal(key.name()))
                : CodeBlock.of("$T.of($L, $L)", VIEW_NAME, JavaText.literal(key.schema()),
                        JavaText.literal(key.name()));
    }

    /**
     * The {@code FrozenView} constants of a revision, one per distinct definition its plan and {@code viewsAfter}
     * use: named after the view ({@code ACTIVE_USERS}), the definition before the revision with {@code _BEFORE}
     * where it differs from the one after.
     */
    private static final class Constants {
        private final java.util.Map<ViewDefinition, String> names = new java.util.LinkedHashMap<>();
        private final java.util.Map<ViewDefinition, String> holders = new java.util.HashMap<>();
        private final List<ViewDefinition> order = new ArrayList<>();
        /** The constants of each view (one or two versions): {@link #ref} looks only there, not through all. */
        private final java.util.Map<ViewKey, List<ViewDefinition>> versionsOf = new java.util.HashMap<>();

        Constants(Revision revision, MigrationPlan plan) {
            java.util.TreeMap<ViewKey, List<ViewDefinition>> byKey = new java.util.TreeMap<>();
            java.util.function.Consumer<ViewDefinition> use = view -> {
                List<ViewDefinition> versions = byKey.computeIfAbsent(view.key(), k -> new ArrayList<>());
                if (versions.stream().noneMatch(v -> sameFrozen(v, view))) {
                    versions.add(view);
                }
            };
            revision.views().forEach(view -> use.accept(plan.after().get(view.key())));
            for (List<Step> steps : List.of(plan.upgrade(), plan.downgrade())) {
                for (Step step : steps) {
                    stepViews(step).forEach(use);
                }
            }
            java.util.Set<String> taken = new java.util.HashSet<>(List.of("REVISION", "DESCRIPTION", "CHECKSUM"));
            byKey.forEach((key, versions) -> {
                String base = JavaText.constantName(key.name());
                if (taken.contains(base) || taken.contains(base + "_BEFORE")) {
                    base = JavaText.constantName(key.schema() + "_" + key.name());
                }
                for (int n = 2; taken.contains(base) || taken.contains(base + "_BEFORE"); n++) {
                    base = JavaText.constantName(key.name()) + "_" + n;
                }
                taken.add(base);
                taken.add(base + "_BEFORE");
                ViewDefinition after = plan.after().get(key);
                // The version before first, so that a reader meets the old definition, then the new one.
                versions.sort(java.util.Comparator.comparing(v -> after != null && sameFrozen(v, after)));
                for (ViewDefinition version : versions) {
                    boolean isAfter = after != null && sameFrozen(version, after);
                    names.put(version, isAfter || versions.size() == 1 ? base : base + "_BEFORE");
                    order.add(version);
                    versionsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(version);
                }
            });
        }

        private static List<ViewDefinition> stepViews(Step step) {
            if (step instanceof Step.CheckDependents check) {
                return check.dropped();
            } else if (step instanceof Step.SavePrivileges save) {
                return save.views();
            } else if (step instanceof Step.RestorePrivileges restore) {
                return restore.views();
            } else if (step instanceof Step.CreateView create) {
                return List.of(create.view());
            } else if (step instanceof Step.BuildBeside build) {
                return build.views();
            } else if (step instanceof Step.SwapIn swap) {
                return List.of(swap.view());
            } else if (step instanceof Step.DropView drop) {
                return List.of(drop.view());
            } else if (step instanceof Step.ReplaceView replace) {
                List<ViewDefinition> views = new ArrayList<>(List.of(replace.from(), replace.to()));
                views.addAll(replace.dependents());
                return views;
            } else if (step instanceof Step.CreateIndex index) {
                return List.of(index.view());
            } else if (step instanceof Step.DropIndex index) {
                return List.of(index.view());
            } else if (step instanceof Step.Alter alter) {
                return List.of(alter.from(), alter.to());
            }
            return List.of();
        }

        /** The same database object: everything a FrozenView holds (not the declaring class nor dependsOn). */
        private static boolean sameFrozen(ViewDefinition a, ViewDefinition b) {
            return a.key().equals(b.key()) && a.materialized() == b.materialized() && a.withData() == b.withData()
                    && a.sql().equals(b.sql()) && a.options().equals(b.options()) && a.comment().equals(b.comment())
                    && a.indexes().equals(b.indexes());
        }

        CodeBlock ref(ViewDefinition view) {
            for (ViewDefinition known : versionsOf.getOrDefault(view.key(), List.of())) {
                if (sameFrozen(known, view)) {
                    String holder = holders.get(known);
                    return holder == null ? CodeBlock.of("$N", names.get(known))
                            : CodeBlock.of("$N.$N", holder, names.get(known));
                }
            }
            throw new IllegalStateException("no constant for " + view.key());
        }

        void addTo(TypeSpec.Builder type) {
            if (order.size() <= VIEWS_PER_CLASS) {
                order.forEach(view -> type.addField(field(view, Modifier.PRIVATE)));
                return;
            }
            for (int part = 0; part * VIEWS_PER_CLASS < order.size(); part++) {
                String holder = "Views" + (part + 1);
                TypeSpec.Builder nested = TypeSpec.classBuilder(holder)
                        .addJavadoc("Frozen views $L to $L of this revision (held apart so that no class initialiser"
                                + " exceeds the JVM's limits).\n", part * VIEWS_PER_CLASS + 1,
                                Math.min(order.size(), (part + 1) * VIEWS_PER_CLASS))
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
                for (ViewDefinition view : order.subList(part * VIEWS_PER_CLASS,
                        Math.min(order.size(), (part + 1) * VIEWS_PER_CLASS))) {
                    nested.addField(field(view));
                    holders.put(view, holder);
                }
                type.addType(nested.build());
            }
        }

        private FieldSpec field(ViewDefinition view, Modifier... modifiers) {
            FieldSpec.Builder field = FieldSpec.builder(FROZEN_VIEW, names.get(view), modifiers)
                    .addModifiers(Modifier.STATIC, Modifier.FINAL)
                    .initializer(frozenView(view));
            return field.build();
        }

        /** {@code FrozenView.view(ViewName.of("x"), """ ... """)} and its modifiers, one per line. */
        private static CodeBlock frozenView(ViewDefinition view) {
            // GeneratedMigration's factories: one non-overloaded call per view, cheap for javac to resolve.
            String factory = view.materialized() ? "materializedView" : "view";
            String name = view.key().schema().isEmpty() ? JavaText.literal(view.key().name())
                    : JavaText.literal(view.key().schema()) + ", " + JavaText.literal(view.key().name());
            CodeBlock.Builder code = CodeBlock.builder()
                    .add("$L$L($L, $L)", factory, view.key().schema().isEmpty() ? "" : "In", name,
                            JavaText.expression(view.sql(), "        "));
            code.indent().indent();
            if (view.materialized() && !view.withData()) {
                code.add("\n.withNoData()");
            }
            if (!view.options().isEmpty()) {
                code.add("\n.withOptions($L)", strings(view.options()));
            }
            if (!view.comment().isEmpty()) {
                code.add("\n.withComment($L)", JavaText.literal(view.comment()));
            }
            if (!view.indexes().isEmpty()) {
                List<CodeBlock> indexes = new ArrayList<>();
                for (IndexDefinition index : view.indexes()) {
                    CodeBlock.Builder item = CodeBlock.builder().add("$T.$L($L, $L)", FROZEN_INDEX,
                            index.unique() ? "uniqueOn" : "on", JavaText.literal(index.name()),
                            strings(index.columns()));
                    if (!index.using().isEmpty()) {
                        item.add(".using($L)", JavaText.literal(index.using()));
                    }
                    if (!index.where().isEmpty()) {
                        item.add(".where($L)", JavaText.literal(index.where()));
                    }
                    if (!index.include().isEmpty()) {
                        item.add(".include($L)", strings(index.include()));
                    }
                    indexes.add(item.build());
                }
                code.add("\n.withIndexes($L)", CodeBlock.join(indexes, ",\n        "));
            }
            return code.unindent().unindent().build();
        }

        private static String strings(List<String> values) {
            return String.join(", ", values.stream().map(JavaText::literal).toList());
        }
    }

    /**
     * Methods that return the long lists of views as arrays, one per distinct list, named after the step that first
     * uses it ({@code upgradeCreate()}); a list used again is called again, and a list that is exactly the reverse
     * of one already written is {@code reversed(upgradeCreate())}. An array initializer costs javac no inference;
     * lists longer than {@value #ARRAY_PART} views are joined from parts, each part's code well under the JVM's
     * 64 KB per method.
     */
    private static final class Helpers {
        private static final int ARRAY_PART = 2_000;
        private final List<MethodSpec> methods = new ArrayList<>();
        private final java.util.Map<List<String>, String> written = new java.util.HashMap<>();
        private final java.util.Set<String> names = new java.util.HashSet<>();

        CodeBlock array(String name, List<CodeBlock> items) {
            List<String> texts = items.stream().map(CodeBlock::toString).toList();
            String known = written.get(texts);
            if (known != null) {
                return CodeBlock.of("$N()", known);
            }
            List<String> backwards = new ArrayList<>(texts);
            java.util.Collections.reverse(backwards);
            String reverse = written.get(backwards);
            if (reverse != null) {
                return CodeBlock.of("reversed($N())", reverse);
            }
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + n;
            }
            written.put(texts, unique);
            if (texts.size() <= ARRAY_PART) {
                methods.add(arrayMethod(unique, texts));
            } else {
                List<String> parts = new ArrayList<>();
                for (int part = 0; part * ARRAY_PART < texts.size(); part++) {
                    String partName = unique + "Part" + (part + 1);
                    names.add(partName);
                    methods.add(arrayMethod(partName, texts.subList(part * ARRAY_PART,
                            Math.min(texts.size(), (part + 1) * ARRAY_PART))));
                    parts.add(partName + "()");
                }
                methods.add(MethodSpec.methodBuilder(unique)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(ArrayTypeName.of(FROZEN_VIEW))
                        .addStatement("return concat($L)", String.join(", ", parts))
                        .build());
            }
            return CodeBlock.of("$N()", unique);
        }

        /** {@code return new FrozenView[] {...};}, one view per line, built as one string (not item by item). */
        private static MethodSpec arrayMethod(String name, List<String> texts) {
            StringBuilder body = new StringBuilder(texts.size() * 40);
            for (String text : texts) {
                body.append("\n").append(text).append(',');
            }
            return MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(ArrayTypeName.of(FROZEN_VIEW))
                    .addCode(CodeBlock.builder().add("return new $T[] {$>$>", FROZEN_VIEW)
                            .add("$L", body).add("$<$<\n};\n").build())
                    .build();
        }
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

}
