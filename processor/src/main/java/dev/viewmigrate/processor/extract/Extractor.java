package dev.viewmigrate.processor.extract;

import dev.viewmigrate.processor.columns.Naming;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Reads {@code @View}, {@code @HandWrittenMigration} and JPA's {@code @Table} by mirror: the processor does not
 * need the annotation classes loaded, and the same code reads a class compiled earlier (partial builds).
 */
public final class Extractor {
    public static final String VIEW = "dev.viewmigrate.annotations.View";
    public static final String HAND_WRITTEN = "dev.viewmigrate.annotations.HandWrittenMigration";
    private static final List<String> TABLE = List.of("jakarta.persistence.Table", "javax.persistence.Table");
    private static final List<JavaFileManager.Location> RESOURCE_LOCATIONS = List.of(
            StandardLocation.SOURCE_PATH, StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH);

    private final Elements elements;
    private final Filer filer;
    private final Naming naming;

    /** {@code naming} turns {@code @Table} names into the names PostgreSQL resolves for the entity's queries. */
    public Extractor(Elements elements, Filer filer, Naming naming) {
        this.elements = elements;
        this.filer = filer;
        this.naming = naming;
    }

    public static Optional<AnnotationMirror> mirror(Element element, String annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotation)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    public ViewDeclaration view(TypeElement type, AnnotationMirror mirror) {
        Map<String, AnnotationValue> explicit = explicit(mirror);
        Map<String, AnnotationValue> all = withDefaults(mirror);
        String sqlResource = string(all, "sqlResource");
        String resourceText = null;
        String resourceProblem = null;
        boolean resourceMissing = false;
        if (!sqlResource.isEmpty()) {
            Resource resource = readResource(sqlResource);
            resourceText = resource.text();
            resourceProblem = resource.problem();
            resourceMissing = resource.missing();
        }
        List<ViewDeclaration.IndexDeclaration> indexes = new ArrayList<>();
        for (AnnotationValue value : list(all, "indexes")) {
            if (!(value.getValue() instanceof AnnotationMirror index)) {
                continue; // unresolved: see unresolved()
            }
            Map<String, AnnotationValue> indexValues = withDefaults(index);
            indexes.add(new ViewDeclaration.IndexDeclaration(index, explicit(index), string(indexValues, "name"),
                    strings(indexValues, "columns"), bool(indexValues, "unique", false), string(indexValues, "using"),
                    string(indexValues, "where"), strings(indexValues, "include")));
        }
        List<TypeMirror> dependsOn = new ArrayList<>();
        for (AnnotationValue value : list(all, "dependsOn")) {
            if (value.getValue() instanceof TypeMirror typeMirror) {
                dependsOn.add(typeMirror);
            } else {
                dependsOn.add(null); // an unresolvable class: javac reports it as "<error>"
            }
        }
        boolean unresolved = explicit.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals("dependsOn") && unresolved(e.getValue()));
        return new ViewDeclaration(type, mirror, explicit, viewName(type, all), viewSchema(type, all),
                string(all, "sql"), sqlResource, resourceText, resourceProblem, resourceMissing,
                bool(all, "materialized", false), bool(all, "withData", true), indexes, dependsOn,
                strings(all, "options"), string(all, "comment"), enumName(all, "rebuild", "DEFAULT"), unresolved);
    }

    /**
     * True when javac could not resolve the value (or a value inside it): it then stands for an error, not for what
     * was written ({@code materialized = f} without an {@code f} reads as the string {@code "<error>"}). javac
     * reports that itself; AutoValue likewise leaves such elements alone.
     */
    static boolean unresolved(AnnotationValue value) {
        String implementation = value.getClass().getName();
        if (implementation.endsWith("$Error") || implementation.endsWith("$UnresolvedClass")) {
            return true;
        }
        Object content = value.getValue();
        if (content instanceof List<?> items) {
            return items.stream().anyMatch(item -> item instanceof AnnotationValue v && unresolved(v));
        }
        if (content instanceof AnnotationMirror nested) {
            return nested.getElementValues().values().stream().anyMatch(Extractor::unresolved);
        }
        return false;
    }

    public HandWrittenDeclaration handWritten(TypeElement type, AnnotationMirror mirror) {
        return new HandWrittenDeclaration(type, mirror, string(withDefaults(mirror), "description"));
    }

    /**
     * The view name: {@code @View(name)} as written, else {@code @Table(name)} as PostgreSQL resolves it in the
     * entity's queries (folded to lower case unless quoted in the mapping, after the naming strategy), else the simple
     * name in snake_case.
     */
    private String viewName(TypeElement type, Map<String, AnnotationValue> view) {
        String name = string(view, "name");
        if (!name.isEmpty()) {
            return name;
        }
        String table = tableAttribute(type, "name");
        return table.isEmpty() ? snakeCase(type.getSimpleName().toString()) : table;
    }

    private String viewSchema(TypeElement type, Map<String, AnnotationValue> view) {
        String schema = string(view, "schema");
        return schema.isEmpty() ? tableAttribute(type, "schema") : schema;
    }

    private String tableAttribute(TypeElement type, String attribute) {
        for (String table : TABLE) {
            Optional<AnnotationMirror> mirror = mirror(type, table);
            if (mirror.isPresent()) {
                AnnotationValue value = withDefaults(mirror.get()).get(attribute);
                String name = value == null ? "" : (String) value.getValue();
                return name.isEmpty() ? "" : naming.relationName(name);
            }
        }
        return "";
    }

    /** {@code ActiveUser} → {@code active_user}, {@code HTTPRequestLog} → {@code http_request_log}. */
    public static String snakeCase(String simpleName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char previous = simpleName.charAt(i - 1);
                boolean nextIsLower = i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextIsLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private record Resource(String text, String problem, boolean missing) {}

    /** Looks the file up on the source path, the class output (resources are copied there) and the class path. */
    private Resource readResource(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        String lastProblem = null;
        for (JavaFileManager.Location location : RESOURCE_LOCATIONS) {
            try {
                FileObject file = filer.getResource(location, "", relative);
                return new Resource(withoutByteOrderMark(file.getCharContent(true).toString()), null, false);
            } catch (FileNotFoundException | NoSuchFileException | IllegalArgumentException e) {
                // Not there (or the location isn't configured for this compile): try the next one.
            } catch (IOException | RuntimeException e) {
                lastProblem = e.toString();
            }
        }
        return lastProblem == null ? new Resource(null, null, true) : new Resource(null, lastProblem, false);
    }

    /**
     * The text without a leading U+FEFF: editors that save UTF-8 "with BOM" (Notepad, several SQL tools) put one at
     * the start of the file to mark its encoding; it is not part of the query, and PostgreSQL would reject it.
     */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Map<String, AnnotationValue> explicit(AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new LinkedHashMap<>();
        for (var entry : mirror.getElementValues().entrySet()) {
            values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
        }
        return values;
    }

    private Map<String, AnnotationValue> withDefaults(AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
        }
        return values;
    }

    private static String string(Map<String, AnnotationValue> values, String name) {
        AnnotationValue value = values.get(name);
        return value == null || !(value.getValue() instanceof String text) ? "" : text;
    }

    /** The constant's name of an enum attribute ({@code SIDE_BY_SIDE}), or {@code otherwise}. */
    private static String enumName(Map<String, AnnotationValue> values, String name, String otherwise) {
        AnnotationValue value = values.get(name);
        return value != null && value.getValue() instanceof javax.lang.model.element.VariableElement constant
                ? constant.getSimpleName().toString() : otherwise;
    }

    private static boolean bool(Map<String, AnnotationValue> values, String name, boolean otherwise) {
        AnnotationValue value = values.get(name);
        return value != null && value.getValue() instanceof Boolean b ? b : otherwise;
    }

    private static List<String> strings(Map<String, AnnotationValue> values, String name) {
        List<String> strings = new ArrayList<>();
        for (AnnotationValue value : list(values, name)) {
            if (value.getValue() instanceof String text) {
                strings.add(text);
            }
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static List<? extends AnnotationValue> list(Map<String, AnnotationValue> values, String name) {
        AnnotationValue value = values.get(name);
        if (value == null || !(value.getValue() instanceof List<?>)) {
            return List.of();
        }
        return (List<? extends AnnotationValue>) value.getValue();
    }
}
