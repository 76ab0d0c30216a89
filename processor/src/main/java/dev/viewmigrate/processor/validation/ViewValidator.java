package dev.viewmigrate.processor.validation;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.extract.Extractor;
import dev.viewmigrate.processor.extract.ViewDeclaration;
import dev.viewmigrate.processor.model.CanonicalSql;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.QueryText;
import dev.viewmigrate.processor.sql.SqliteText;
import dev.viewmigrate.sql.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks declared views and turns the valid ones into {@link ViewDefinition}s; every problem is reported on the
 * class, annotation or attribute at fault. Invalid views are left out, so nothing is frozen from them.
 */
public final class ViewValidator {
    private final Reporter reporter;
    private final Extractor extractor;
    private final Dialect dialect;

    /** Whether {@code @View(rebuild = DEFAULT)} means side by side ({@code -Aviewmigrate.rebuild}). */
    private final boolean sideBySideDefault;

    public ViewValidator(Reporter reporter, Extractor extractor) {
        this(reporter, extractor, Dialect.POSTGRESQL, false);
    }

    /**
     * On SQLite the one-query rule reads the text with SQLite's quotes ({@code [a;b]} is one identifier);
     * {@code sideBySideDefault}: the rebuild of materialized views that leave {@code @View(rebuild)} to its default.
     */
    public ViewValidator(Reporter reporter, Extractor extractor, Dialect dialect, boolean sideBySideDefault) {
        this.reporter = reporter;
        this.extractor = extractor;
        this.dialect = dialect;
        this.sideBySideDefault = sideBySideDefault;
    }

    /** A valid view with the class that declares it. */
    public record ValidView(ViewDeclaration declaration, ViewDefinition definition) {}

    /** Validates all views of the compile; duplicates are reported on every class but the first (by name). */
    public Map<ViewKey, ValidView> validate(List<ViewDeclaration> declarations) {
        List<ViewDeclaration> sorted = new ArrayList<>(declarations);
        sorted.sort(Comparator.comparing(ViewDeclaration::className));
        Map<ViewKey, ValidView> views = new TreeMap<>();
        Map<ViewKey, ValidView> byRelation = new TreeMap<>(); // unqualified and public.* are the same relation
        for (ViewDeclaration declaration : sorted) {
            Optional<ViewDefinition> definition = validate(declaration);
            if (definition.isEmpty()) {
                continue;
            }
            ViewKey key = definition.get().key();
            ValidView first = byRelation.get(new ViewKey(namespace(key), key.name()));
            if (first != null) {
                String view = first.definition().key().equals(key) ? key.display()
                        : namespace(key) + "." + key.name() + " (an unqualified view is created in public)";
                reporter.error(Messages.viewDuplicateName(declaration.className(), view,
                        first.declaration().className()), declaration.at("name"));
                continue;
            }
            ValidView valid = new ValidView(declaration, definition.get());
            views.put(key, valid);
            byRelation.put(new ViewKey(namespace(key), key.name()), valid);
        }
        checkIndexNames(views);
        return views;
    }

    /** Validates one view on its own; empty (after reporting) when it is invalid. */
    public Optional<ViewDefinition> validate(ViewDeclaration view) {
        int errorsBefore = reporter.errorCount();
        TypeElement type = view.type();
        String className = view.className();
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            reporter.error(Messages.viewNotAClass(className, kindName(type.getKind())), view.at());
            return Optional.empty();
        }

        String sql = sql(view);
        checkIdentifier(view, "name", view.name());
        if (!view.schema().isEmpty()) {
            checkIdentifier(view, "schema", view.schema());
        }
        if (!view.materialized()) {
            if (!view.indexes().isEmpty()) {
                reporter.error(Messages.viewMaterializedOnly(className, "indexes"), view.at("indexes"));
            }
            if (!view.withData()) {
                reporter.error(Messages.viewMaterializedOnly(className, "withData"), view.at("withData"));
            }
            if (!view.rebuild().equals("DEFAULT")) {
                reporter.error(Messages.viewMaterializedOnly(className, "rebuild"), view.at("rebuild"));
            }
        }
        List<String> options = options(view);
        List<IndexDefinition> indexes = new ArrayList<>();
        for (ViewDeclaration.IndexDeclaration index : view.indexes()) {
            indexes.add(index(view, index, sql));
        }
        List<ViewKey> dependsOn = new ArrayList<>();
        for (TypeMirror dependency : view.dependsOn()) {
            if (dependency == null || dependency.getKind() != TypeKind.DECLARED) {
                reporter.error(Messages.viewTypeNotResolved(className, "dependsOn"), view.at("dependsOn"));
                continue;
            }
            TypeElement dependencyType = (TypeElement) ((DeclaredType) dependency).asElement();
            Optional<AnnotationMirror> dependencyView = Extractor.mirror(dependencyType, Extractor.VIEW);
            if (dependencyView.isEmpty()) {
                reporter.error(Messages.viewDependsOnNotView(className, dependencyType.getQualifiedName().toString()),
                        view.at("dependsOn"));
                continue;
            }
            ViewDeclaration target = extractor.view(dependencyType, dependencyView.get());
            dependsOn.add(new ViewKey(target.schema(), target.name()));
        }
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ViewDefinition(new ViewKey(view.schema(), view.name()), view.materialized(),
                view.withData(), indexes, dependsOn, sql, className, options, view.comment(),
                view.materialized() && (view.rebuild().equals("DEFAULT") ? sideBySideDefault
                        : view.rebuild().equals("SIDE_BY_SIDE"))));
    }

    /** The canonical SQL of {@code sql} or the {@code sqlResource} file, checked to be one query; null after an error. */
    private String sql(ViewDeclaration view) {
        String className = view.className();
        boolean hasSql = !view.sql().isEmpty();
        boolean hasResource = !view.sqlResource().isEmpty();
        if (hasSql && hasResource) {
            reporter.error(Messages.viewSqlAndSqlResource(className), view.at("sqlResource"));
            return null;
        } else if (!hasSql && !hasResource) {
            reporter.error(Messages.viewNoSql(className), view.at());
            return null;
        } else if (!hasSql && view.resourceMissing()) {
            reporter.error(Messages.viewSqlResourceMissing(className, view.sqlResource()), view.at("sqlResource"));
            return null;
        } else if (!hasSql && view.resourceProblem() != null) {
            reporter.error(Messages.viewSqlResourceUnreadable(className, view.sqlResource(), view.resourceProblem()),
                    view.at("sqlResource"));
            return null;
        }
        String attribute = hasSql ? "sql" : "sqlResource \"" + view.sqlResource() + "\"";
        Reporter.At at = view.at(hasSql ? "sql" : "sqlResource");
        String sql = CanonicalSql.of(hasSql ? view.sql() : view.resourceText());
        if (sql.isEmpty()) {
            reporter.error(Messages.viewSqlEmpty(className, attribute), at);
            return null;
        }
        Optional<QueryText.Problem> problem = QueryText.checkQuery(dialect == Dialect.SQLITE
                ? SqliteText.quotesAsDoubleQuotes(sql) : sql);
        if (problem.isEmpty()) {
            return sql;
        }
        String found = problem.get().found();
        reporter.error(switch (problem.get().refusal()) {
            case SECOND_STATEMENT -> Messages.viewSqlSecondStatement(className, attribute, found);
            case NOT_A_QUERY -> Messages.viewSqlNotAQuery(className, attribute, found);
            case UNTERMINATED -> Messages.viewSqlUnterminated(className, attribute, found);
            case CHECK_OPTION -> Messages.viewSqlCheckOption(className, attribute, found,
                    found.toLowerCase(Locale.ROOT).contains("local") ? "local" : "cascaded");
        }, at);
        return null;
    }

    /** The options, normalised ({@code name=value}, name in lower case, booleans true/false). */
    private List<String> options(ViewDeclaration view) {
        List<String> options = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < view.options().size(); i++) {
            String entry = view.options().get(i);
            ViewOptions.Checked checked = ViewOptions.check(entry, view.materialized());
            if (checked.problem() != null) {
                reporter.error(Messages.viewOptionInvalid(view.className(), entry, checked.problem()),
                        view.at("options", i));
            } else if (!names.add(checked.name())) {
                reporter.error(Messages.viewOptionDuplicate(view.className(), checked.name()), view.at("options", i));
            } else {
                options.add(checked.normalised());
            }
        }
        return options;
    }

    private IndexDefinition index(ViewDeclaration view, ViewDeclaration.IndexDeclaration index, String sql) {
        String className = view.className();
        TypeElement type = view.type();
        String name = index.name().isEmpty() ? defaultIndexName(view.name(), index.columns(), index.unique())
                : index.name();
        Optional<String> problem = Identifiers.problem(name);
        if (problem.isPresent()) {
            reporter.error(Messages.viewInvalidIdentifier(className, "index name", name, problem.get()),
                    index.at(type, "name"));
        }
        if (index.columns().isEmpty() || index.columns().stream().anyMatch(String::isBlank)) {
            reporter.error(Messages.viewInvalidIdentifier(className, "index columns", String.join(", ",
                    index.columns()), "an index needs at least one non-blank column"), index.at(type, "columns"));
        } else {
            for (int i = 0; i < index.columns().size(); i++) {
                String entry = index.columns().get(i);
                Reporter.At at = index.at(type, "columns", i);
                QueryText.checkIndexEntry(entry).ifPresent(why -> reporter.error(
                        Messages.viewIndexEntryInvalid(className, name, "columns entry", entry, why), at));
            }
        }
        String using = index.using().strip().toLowerCase(Locale.ROOT);
        if (!using.isEmpty() && !IDENTIFIER.matcher(using).matches()) {
            reporter.error(Messages.viewIndexNameInvalid(className, name, "using", index.using()),
                    index.at(type, "using"));
        }
        String where = index.where().strip();
        if (!where.isEmpty()) {
            QueryText.checkPredicate(where).ifPresent(why -> reporter.error(
                    Messages.viewIndexEntryInvalid(className, name, "where", where, why), index.at(type, "where")));
        }
        for (int i = 0; i < index.include().size(); i++) {
            String column = index.include().get(i);
            if (!COLUMN_NAME.matcher(column.strip()).matches()) {
                reporter.error(Messages.viewIndexNameInvalid(className, name, "include", column),
                        index.at(type, "include", i));
            }
        }
        if (sql != null) {
            checkIndexColumnsReturned(view, index, name, sql);
        }
        return new IndexDefinition(name, index.columns(), index.unique(), using.equals("btree") ? "" : using, where,
                index.include().stream().map(String::strip).toList());
    }

    /** Each plain column an index names (key or covering) must be one the view returns, when those are known. */
    private void checkIndexColumnsReturned(ViewDeclaration view, ViewDeclaration.IndexDeclaration index, String name,
            String sql) {
        Optional<List<String>> returned = OutputColumns.read(sql).known();
        if (returned.isEmpty()) {
            return;
        }
        for (String attribute : List.of("columns", "include")) {
            List<String> entries = attribute.equals("columns") ? index.columns() : index.include();
            for (int i = 0; i < entries.size(); i++) {
                Optional<String> column = QueryText.indexColumnName(entries.get(i));
                if (column.isPresent() && !returned.get().contains(column.get())) {
                    reporter.error(Messages.viewIndexColumnNotReturned(view.className(), name, column.get(),
                            new ViewKey(view.schema(), view.name()).display(), returned.get()),
                            index.at(view.type(), attribute, i));
                }
            }
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*|\"([^\"]|\"\")+\"");

    private void checkIdentifier(ViewDeclaration view, String attribute, String value) {
        Optional<String> problem = Identifiers.problem(value);
        if (problem.isPresent()) {
            reporter.error(Messages.viewInvalidIdentifier(view.className(), attribute, value, problem.get()),
                    view.at(attribute));
        }
    }

    /**
     * {@code <view>_<columns>_idx}, or {@code _key} for a unique index (PostgreSQL's own suffixes), reduced to
     * identifier characters. A name over PostgreSQL's 63-byte limit keeps its suffix: the middle is cut and a short
     * hash of the full name keeps two long names apart.
     */
    static String defaultIndexName(String view, List<String> columns, boolean unique) {
        String suffix = unique ? "_key" : "_idx";
        String base = (view + "_" + String.join("_", columns)).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("_$", "");
        if (base.length() + suffix.length() <= Identifiers.MAX_BYTES) {
            return base + suffix;
        }
        String hash = String.format(java.util.Locale.ROOT, "%08x", base.hashCode());
        return base.substring(0, Identifiers.MAX_BYTES - suffix.length() - hash.length() - 1) + "_" + hash + suffix;
    }

    /**
     * Index names share the namespace of relations in their schema: two indexes of one view, of two views of the same
     * schema, or an index named like a view there, would collide in PostgreSQL. Reported on the later index.
     */
    private void checkIndexNames(Map<ViewKey, ValidView> views) {
        Map<String, String> owners = new TreeMap<>(); // schema + NUL + relation name -> what holds it
        for (ValidView view : views.values()) {
            owners.put(namespace(view.definition().key()) + "\0" + view.definition().key().name(),
                    "view " + view.definition().key().display());
        }
        for (ValidView view : views.values()) {
            List<IndexDefinition> indexes = view.definition().indexes();
            for (int i = 0; i < indexes.size(); i++) {
                String name = indexes.get(i).name();
                String slot = namespace(view.definition().key()) + "\0" + name;
                String owner = owners.putIfAbsent(slot, "an index of view " + view.definition().key().display());
                if (owner != null) {
                    ViewDeclaration declaration = view.declaration();
                    reporter.error(Messages.viewDuplicateIndexName(declaration.className(), name, owner),
                            declaration.indexes().get(i).at(declaration.type(), "name"));
                }
            }
        }
    }

    /** Unqualified views live in public under the default search_path (see DependencyGraph). */
    private static String namespace(ViewKey key) {
        return key.schema().isEmpty() ? "public" : key.schema();
    }

    private static String kindName(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "the interface";
            case ENUM -> "the enum";
            case ANNOTATION_TYPE -> "the annotation type";
            default -> "the " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
