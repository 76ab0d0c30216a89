package dev.viewmigrate.processor.columns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The columns a JPA entity reads from its table, following the JPA rules Hibernate applies: the access type (where
 * {@code @Id} is placed, {@code @Access} overriding it, per class and per attribute), {@code @Column(name)},
 * {@code @Transient} and {@code transient}/{@code static} fields left out, embeddables flattened with
 * {@code @AttributeOverride}s, the join column of {@code @ManyToOne}/{@code @OneToOne}, the attributes of
 * {@code @MappedSuperclass}es; collections are left out (they live in other tables).
 *
 * <p>Whatever the processor can't be sure of is left out rather than guessed, so that the check never reports an
 * error Hibernate would not have: attributes whose type doesn't resolve, composite foreign keys without explicit
 * names, attributes inherited from another {@code @Entity}, columns in a secondary table, Hibernate formulas.
 */
public final class EntityMapping {
    private static final int MAX_EMBEDDING_DEPTH = 8;

    private final Elements elements;
    private final Types types;
    private final Naming naming;
    /** Whether each declared type (erased) is a Collection or Map: asked for every attribute, answered once per type. */
    private final Map<Element, Boolean> collections = new java.util.HashMap<>();
    private List<TypeMirror> collectionTypes;
    private TypeMirror booleanType;

    public EntityMapping(Elements elements, Types types, Naming naming) {
        this.elements = elements;
        this.types = types;
        this.naming = naming;
    }

    /** True for a JPA {@code @Entity} (jakarta or javax). */
    public static boolean isEntity(TypeElement type) {
        return Jpa.has(type, "Entity");
    }

    private enum Access { FIELD, PROPERTY }

    /** One persistent attribute: a field or a getter. */
    private record Attribute(String name, Element element, TypeMirror type) {}

    /**
     * Where an attribute sits: its path prefix, the overrides that apply to it (keys relative to here), the access
     * type it inherits, and the element to report on when it is not declared by the entity itself.
     */
    private record Context(String prefix, Map<String, AnnotationMirror> attributeOverrides,
            Map<String, AnnotationMirror> associationOverrides, Access access, Element reportOn, int depth) {}

    /** The entity's columns, in declaration order: the mapped superclasses' first, then the entity's own. */
    public List<MappedColumn> columns(TypeElement entity) {
        List<TypeElement> mappedSuperclasses = new ArrayList<>();
        for (TypeElement superclass = superclass(entity); superclass != null; superclass = superclass(superclass)) {
            if (isEntity(superclass)) {
                break; // its attributes belong to its own table (or the inheritance strategy): not checked here
            }
            if (Jpa.has(superclass, "MappedSuperclass")) {
                mappedSuperclasses.add(0, superclass);
            }
        }
        Access hierarchyAccess = defaultAccess(entity);
        List<MappedColumn> columns = new ArrayList<>();
        // Class-level @AttributeOverride/@AssociationOverride on the entity rename inherited attributes.
        Map<String, AnnotationMirror> classOverrides = overrides(entity, "AttributeOverride", "AttributeOverrides");
        Map<String, AnnotationMirror> classAssociations =
                overrides(entity, "AssociationOverride", "AssociationOverrides");
        for (TypeElement superclass : mappedSuperclasses) {
            Access access = classAccess(superclass).orElse(hierarchyAccess);
            Context context = new Context("", classOverrides, classAssociations, access, entity, 0);
            for (Attribute attribute : attributes(superclass, access)) {
                attributeColumns(attribute, context, columns);
            }
        }
        Access access = classAccess(entity).orElse(hierarchyAccess);
        Context own = new Context("", Map.of(), Map.of(), access, null, 0);
        for (Attribute attribute : attributes(entity, access)) {
            attributeColumns(attribute, own, columns);
        }
        return columns;
    }

    private void attributeColumns(Attribute attribute, Context context, List<MappedColumn> out) {
        Element element = attribute.element();
        Element reportOn = context.reportOn() != null ? context.reportOn() : element;
        String path = context.prefix() + attribute.name();
        if (Jpa.has(element, "Transient") || Jpa.has(element, "OneToMany") || Jpa.has(element, "ManyToMany")
                || Jpa.has(element, "ElementCollection")
                || Jpa.hasQualified(element, "org.hibernate.annotations.Formula")
                || Jpa.hasQualified(element, "org.hibernate.annotations.JoinFormula")
                || Jpa.hasQualified(element, "org.hibernate.annotations.Any")
                || Jpa.hasQualified(element, "org.hibernate.annotations.ManyToAny")) {
            return;
        }
        TypeMirror type = attribute.type();
        if (type.getKind() == TypeKind.ERROR) {
            return; // not generated yet or misspelled: javac reports it; embedded or not can't be told
        }
        if (Jpa.has(element, "ManyToOne") || Jpa.has(element, "OneToOne")) {
            relationColumns(attribute, path, context, reportOn, out);
            return;
        }
        TypeElement typeElement = type.getKind() == TypeKind.DECLARED
                ? (TypeElement) ((DeclaredType) type).asElement() : null;
        if (Jpa.has(element, "Embedded") || Jpa.has(element, "EmbeddedId")
                || (typeElement != null && Jpa.has(typeElement, "Embeddable"))) {
            if (typeElement != null && context.depth() < MAX_EMBEDDING_DEPTH) {
                embeddedColumns(attribute, typeElement, path, context, reportOn, out);
            }
            return;
        }
        if (isCollection(type) && !Jpa.has(element, "Column") && !Jpa.has(element, "Convert")) {
            return; // an unannotated collection is no column of this table (or a custom type we don't model)
        }
        AnnotationMirror override = context.attributeOverrides().get(attribute.name());
        Optional<AnnotationMirror> overrideColumn = override == null ? Optional.empty()
                : Jpa.nested(override, "column");
        if (overrideColumn.isPresent() && !Jpa.string(overrideColumn.get(), "name").isEmpty()) {
            String name = Jpa.string(overrideColumn.get(), "name");
            out.add(new MappedColumn(path, naming.columnNames(name), "@AttributeOverride(name = \""
                    + attribute.name() + "\", column = @Column(name = \"" + name + "\"))" + namingNote(), reportOn));
            return;
        }
        Optional<AnnotationMirror> column = Jpa.annotation(element, "Column");
        if (column.isPresent() && !Jpa.string(column.get(), "table").isEmpty()) {
            return; // a @SecondaryTable's column, not the view's
        }
        String explicit = column.map(c -> Jpa.string(c, "name")).orElse("");
        if (!explicit.isEmpty()) {
            out.add(new MappedColumn(path, naming.columnNames(explicit),
                    "@Column(name = \"" + explicit + "\")" + namingNote(), reportOn));
        } else {
            out.add(new MappedColumn(path, naming.columnNames(attribute.name()),
                    "the attribute name " + attribute.name() + namingNote(), reportOn));
        }
    }

    private String namingNote() {
        return naming == Naming.SNAKE_CASE ? " with -Aviewmigrate.naming=snake_case" : "";
    }

    private void embeddedColumns(Attribute attribute, TypeElement embeddable, String path, Context context,
            Element reportOn, List<MappedColumn> out) {
        // Overrides from further out win over the embedding attribute's own (JPA 11.1.4).
        Map<String, AnnotationMirror> attributeOverrides = new LinkedHashMap<>(
                relative(context.attributeOverrides(), attribute.name()));
        overrides(attribute.element(), "AttributeOverride", "AttributeOverrides").forEach(
                attributeOverrides::putIfAbsent);
        Map<String, AnnotationMirror> associationOverrides = new LinkedHashMap<>(
                relative(context.associationOverrides(), attribute.name()));
        overrides(attribute.element(), "AssociationOverride", "AssociationOverrides").forEach(
                associationOverrides::putIfAbsent);
        Access access = classAccess(embeddable).orElse(context.access());
        Context inner = new Context(path + ".", attributeOverrides, associationOverrides, access, reportOn,
                context.depth() + 1);
        List<TypeElement> classes = new ArrayList<>();
        classes.add(embeddable);
        for (TypeElement superclass = superclass(embeddable); superclass != null;
                superclass = superclass(superclass)) {
            if (Jpa.has(superclass, "MappedSuperclass") || Jpa.has(superclass, "Embeddable")) {
                classes.add(0, superclass);
            }
        }
        for (TypeElement type : classes) {
            for (Attribute inside : attributes(type, classAccess(type).orElse(access))) {
                attributeColumns(inside, inner, out);
            }
        }
    }

    private void relationColumns(Attribute attribute, String path, Context context, Element reportOn,
            List<MappedColumn> out) {
        Element element = attribute.element();
        AnnotationMirror relation = Jpa.annotation(element, "ManyToOne")
                .or(() -> Jpa.annotation(element, "OneToOne")).orElseThrow();
        if (!Jpa.string(relation, "mappedBy").isEmpty() || Jpa.has(element, "MapsId")
                || Jpa.has(element, "JoinTable") || Jpa.has(element, "PrimaryKeyJoinColumn")
                || Jpa.has(element, "PrimaryKeyJoinColumns")) {
            return; // the inverse side, the id's own column, or a join table: no join column here
        }
        List<AnnotationMirror> joinColumns;
        String source;
        AnnotationMirror override = context.associationOverrides().get(attribute.name());
        if (override != null) {
            joinColumns = Jpa.nestedList(override, "joinColumns");
            if (joinColumns.isEmpty()) {
                return; // overridden with a join table or something else we don't model
            }
            source = "@AssociationOverride(name = \"" + attribute.name() + "\") ";
        } else {
            joinColumns = Jpa.repeated(element, "JoinColumn", "JoinColumns");
            source = "";
        }
        boolean allNamed = joinColumns.stream().noneMatch(c -> Jpa.string(c, "name").isEmpty());
        if (!joinColumns.isEmpty() && allNamed) {
            for (AnnotationMirror joinColumn : joinColumns) {
                String name = Jpa.string(joinColumn, "name");
                out.add(new MappedColumn(path, naming.columnNames(name),
                        source + "@JoinColumn(name = \"" + name + "\")" + namingNote(), reportOn));
            }
            return;
        }
        if (joinColumns.size() > 1) {
            return; // a composite foreign key with implicit names: not modelled
        }
        String referenced = joinColumns.isEmpty() ? "" : Jpa.string(joinColumns.get(0), "referencedColumnName");
        String referencedSource = "referencedColumnName \"" + referenced + "\"";
        if (referenced.isEmpty()) {
            TypeMirror target = Jpa.type(relation, "targetEntity")
                    .filter(t -> t.getKind() == TypeKind.DECLARED).orElse(attribute.type());
            if (target.getKind() != TypeKind.DECLARED) {
                return;
            }
            TypeElement targetType = (TypeElement) ((DeclaredType) target).asElement();
            Optional<String> id = singleIdColumn(targetType);
            if (id.isEmpty()) {
                return; // no entity, or a composite key: several join columns we don't model
            }
            referenced = id.get();
            referencedSource = "the id column " + referenced + " of " + targetType.getSimpleName();
        }
        // JPA's default: <attribute>_<referenced column>; the naming strategy then applies to the whole name.
        String unquoted = Naming.isQuoted(referenced) ? referenced.substring(1, referenced.length() - 1) : referenced;
        Set<String> names = new LinkedHashSet<>(naming.columnNames(attribute.name() + "_" + unquoted));
        for (String physical : naming.columnNames(unquoted)) {
            names.addAll(naming.columnNames(attribute.name() + "_" + physical));
        }
        out.add(new MappedColumn(path, names, "the default join column " + attribute.name() + "_" + unquoted
                + " (the attribute name, \"_\", " + referencedSource + ")" + namingNote(), reportOn));
    }

    /** The logical name of the single {@code @Id} column of an entity, empty for composite or unknown ids. */
    private Optional<String> singleIdColumn(TypeElement entity) {
        if (!isEntity(entity)) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (TypeElement type = entity; type != null; type = superclass(type)) {
            if (Jpa.has(type, "IdClass")) {
                return Optional.empty();
            }
            for (Element member : type.getEnclosedElements()) {
                if (Jpa.has(member, "EmbeddedId")) {
                    return Optional.empty();
                }
                if (!Jpa.has(member, "Id")) {
                    continue;
                }
                String name = Jpa.annotation(member, "Column").map(c -> Jpa.string(c, "name")).orElse("");
                if (name.isEmpty()) {
                    name = member instanceof ExecutableElement method
                            ? propertyName(method.getSimpleName().toString()).orElse("")
                            : member.getSimpleName().toString();
                }
                ids.add(name);
            }
        }
        return ids.size() == 1 && !ids.get(0).isEmpty() ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /**
     * The hierarchy's default access type, as Hibernate decides it: {@code @Access} on the root class, else where
     * {@code @Id}/{@code @EmbeddedId} is placed (a getter means property access), else field access.
     */
    private Access defaultAccess(TypeElement entity) {
        List<TypeElement> chain = new ArrayList<>();
        for (TypeElement type = entity; type != null; type = superclass(type)) {
            if (isEntity(type) || Jpa.has(type, "MappedSuperclass")) {
                chain.add(type);
            }
        }
        if (!chain.isEmpty()) {
            Optional<Access> root = classAccess(chain.get(chain.size() - 1));
            if (root.isPresent()) {
                return root.get();
            }
        }
        for (TypeElement type : chain) {
            for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
                if (Jpa.has(method, "Id") || Jpa.has(method, "EmbeddedId")) {
                    return Access.PROPERTY;
                }
            }
            for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (Jpa.has(field, "Id") || Jpa.has(field, "EmbeddedId")) {
                    return Access.FIELD;
                }
            }
        }
        return Access.FIELD;
    }

    private static Optional<Access> classAccess(Element element) {
        return Jpa.annotation(element, "Access").map(a -> Jpa.enumConstant(a, "value")).flatMap(value -> switch (value) {
            case "FIELD" -> Optional.of(Access.FIELD);
            case "PROPERTY" -> Optional.of(Access.PROPERTY);
            default -> Optional.empty();
        });
    }

    /**
     * The persistent attributes a class declares under its access type, in declaration order; an attribute with
     * {@code @Access} of the other kind is added (JPA 2.3.2), replacing the default one of the same name.
     */
    private List<Attribute> attributes(TypeElement type, Access access) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        Map<String, Attribute> explicitlyOther = new LinkedHashMap<>();
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof VariableElement field && field.getKind().isField()
                    && !field.getModifiers().contains(Modifier.STATIC)
                    && !field.getModifiers().contains(Modifier.TRANSIENT)) {
                Attribute attribute = new Attribute(field.getSimpleName().toString(), field, field.asType());
                if (access == Access.FIELD) {
                    byName.putIfAbsent(attribute.name(), attribute);
                } else if (classAccess(field).orElse(null) == Access.FIELD) {
                    explicitlyOther.put(attribute.name(), attribute);
                }
            } else if (member instanceof ExecutableElement method && isGetter(method)) {
                Attribute attribute = new Attribute(propertyName(method.getSimpleName().toString()).orElseThrow(),
                        method, method.getReturnType());
                if (access == Access.PROPERTY) {
                    byName.putIfAbsent(attribute.name(), attribute);
                } else if (classAccess(method).orElse(null) == Access.PROPERTY) {
                    explicitlyOther.put(attribute.name(), attribute);
                }
            }
        }
        byName.putAll(explicitlyOther);
        return List.copyOf(byName.values());
    }

    private boolean isGetter(ExecutableElement method) {
        if (method.getKind() != javax.lang.model.element.ElementKind.METHOD
                || method.getModifiers().contains(Modifier.STATIC) || !method.getParameters().isEmpty()
                || propertyName(method.getSimpleName().toString()).isEmpty()) {
            return false;
        }
        String name = method.getSimpleName().toString();
        TypeMirror returnType = method.getReturnType();
        if (name.startsWith("get")) {
            return returnType.getKind() != TypeKind.VOID;
        }
        if (returnType.getKind() == TypeKind.BOOLEAN) {
            return true;
        }
        if (booleanType == null) {
            booleanType = elements.getTypeElement("java.lang.Boolean").asType();
        }
        return types.isSameType(returnType, booleanType);
    }

    /** {@code getFirstPostDate} → {@code firstPostDate}, {@code isActive} → {@code active}, {@code getURL} → URL. */
    static Optional<String> propertyName(String methodName) {
        String rest;
        if (methodName.startsWith("get") && methodName.length() > 3) {
            rest = methodName.substring(3);
        } else if (methodName.startsWith("is") && methodName.length() > 2) {
            rest = methodName.substring(2);
        } else {
            return Optional.empty();
        }
        if (!Character.isUpperCase(rest.charAt(0)) && rest.charAt(0) != '_') {
            return Optional.empty(); // "getaway", "island": not a property accessor
        }
        // java.beans.Introspector.decapitalize: two leading capitals stay as they are.
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
            return Optional.of(rest);
        }
        return Optional.of(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
    }

    /** {@code @AttributeOverride}s (or association ones) of an element, by attribute path. */
    private static Map<String, AnnotationMirror> overrides(Element element, String single, String container) {
        Map<String, AnnotationMirror> result = new LinkedHashMap<>();
        for (AnnotationMirror override : Jpa.repeated(element, single, container)) {
            String name = Jpa.string(override, "name");
            if (!name.isEmpty()) {
                result.putIfAbsent(name, override);
            }
        }
        return result;
    }

    /** The overrides under {@code attribute.}, with that prefix removed (nested embeddables). */
    private static Map<String, AnnotationMirror> relative(Map<String, AnnotationMirror> overrides, String attribute) {
        Map<String, AnnotationMirror> result = new LinkedHashMap<>();
        String prefix = attribute + ".";
        overrides.forEach((name, override) -> {
            if (name.startsWith(prefix)) {
                result.put(name.substring(prefix.length()), override);
            }
        });
        return result;
    }

    private boolean isCollection(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        Element element = ((DeclaredType) type).asElement();
        Boolean known = collections.get(element);
        if (known == null) {
            known = isCollectionType(types.erasure(type));
            collections.put(element, known);
        }
        return known;
    }

    private boolean isCollectionType(TypeMirror erased) {
        if (collectionTypes == null) {
            collectionTypes = new ArrayList<>();
            for (String collection : List.of("java.util.Collection", "java.util.Map")) {
                TypeElement collectionType = elements.getTypeElement(collection);
                if (collectionType != null) {
                    collectionTypes.add(types.erasure(collectionType.asType()));
                }
            }
        }
        for (TypeMirror collectionType : collectionTypes) {
            if (types.isAssignable(erased, collectionType)) {
                return true;
            }
        }
        return false;
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }
}
