package dev.viewmigrate.runtime.internal.importing;

import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL column type → the Java type of the imported entity's field. Wrapper types throughout: any column of a
 * view can be null. The table is documented in docs/adopting.md; keep the two in step.
 */
public final class TypeMapping {
    /** The Java type (simple name, or qualified for an import) and, for lossy or unusual mappings, a note. */
    public record JavaType(String qualifiedName, Optional<String> note) {
        public String simpleName() {
            return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        }

        /** Needs an import (not java.lang, not an array of a java.lang type). */
        public boolean needsImport() {
            return qualifiedName.contains(".") && !qualifiedName.startsWith("java.lang.");
        }
    }

    private static final Map<String, String> SCALARS = Map.ofEntries(
            Map.entry("bool", "Boolean"),
            Map.entry("int2", "Short"),
            Map.entry("int4", "Integer"),
            Map.entry("int8", "Long"),
            Map.entry("oid", "Long"),
            Map.entry("float4", "Float"),
            Map.entry("float8", "Double"),
            Map.entry("numeric", "java.math.BigDecimal"),
            Map.entry("text", "String"),
            Map.entry("varchar", "String"),
            Map.entry("bpchar", "String"),
            Map.entry("name", "String"),
            Map.entry("citext", "String"),
            Map.entry("char", "String"),
            Map.entry("date", "java.time.LocalDate"),
            Map.entry("time", "java.time.LocalTime"),
            Map.entry("timetz", "java.time.OffsetTime"),
            Map.entry("timestamp", "java.time.LocalDateTime"),
            Map.entry("timestamptz", "java.time.Instant"),
            Map.entry("interval", "java.time.Duration"),
            Map.entry("uuid", "java.util.UUID"),
            Map.entry("bytea", "byte[]"));

    /** Array element types Hibernate 6 maps as basic arrays. */
    private static final Map<String, String> ELEMENTS = Map.of(
            "bool", "Boolean[]", "int2", "Short[]", "int4", "Integer[]", "int8", "Long[]", "float4", "Float[]",
            "float8", "Double[]", "text", "String[]", "varchar", "String[]", "uuid", "java.util.UUID[]");

    private TypeMapping() {}

    public static JavaType of(LiveView.Column column) {
        String base = column.baseType();
        if (column.enumType()) {
            return new JavaType("String", Optional.of("enum type " + column.type() + ": the String holds its label "
                    + "(map a Java enum with @Enumerated(EnumType.STRING) if you prefer)"));
        }
        if (column.elementType().isPresent()) {
            String element = ELEMENTS.get(column.elementType().get());
            return element != null ? new JavaType(element.endsWith("UUID[]") ? "java.util.UUID[]" : element,
                    Optional.empty())
                    : new JavaType("Object", Optional.of(column.type() + " has no Java mapping in import: Object "
                            + "holds what the JDBC driver returns (java.sql.Array); choose a type"));
        }
        String scalar = SCALARS.get(base);
        if (scalar != null) {
            return new JavaType(scalar, Optional.empty());
        }
        if (base.equals("json") || base.equals("jsonb")) {
            return new JavaType("String", Optional.of(column.type() + ": the String holds the JSON text (with "
                    + "Hibernate, @JdbcTypeCode(SqlTypes.JSON) maps it to an object)"));
        }
        return new JavaType("String", Optional.of(column.type() + " has no Java mapping in import: the String "
                + "holds its text form; choose a type"));
    }
}
