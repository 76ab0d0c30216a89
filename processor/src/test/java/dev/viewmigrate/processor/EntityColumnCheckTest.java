package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entity/view column check: each column a {@code @View} entity maps must be one its view returns. */
class EntityColumnCheckTest {
    private static final String ACTIVE_USER_SQL = """
            SELECT u.id, u.username, count(p.id) AS post_count, min(p.created_at) AS first_post_date
            FROM users u JOIN posts p ON p.user_id = u.id
            GROUP BY u.id, u.username""";
    private static final List<String> ACTIVE_USER_COLUMNS = List.of("id", "username", "post_count", "first_post_date");

    @TempDir
    Path snapshots;

    /** {@code com.example.<name>}: an entity with the given class annotations, SQL and body. */
    private static JavaFileObject entity(String name, String classAnnotations, String sql, String body) {
        return source("com.example." + name, """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Access;
                import jakarta.persistence.AccessType;
                import jakarta.persistence.AttributeOverride;
                import jakarta.persistence.Column;
                import jakarta.persistence.Embeddable;
                import jakarta.persistence.Embedded;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.JoinColumn;
                import jakarta.persistence.ManyToOne;
                import jakarta.persistence.MappedSuperclass;
                import jakarta.persistence.OneToMany;
                import jakarta.persistence.Transient;
                import java.time.OffsetDateTime;
                import java.util.List;

                %s
                @View(sql = \"""
                        %s
                        \""")
                public class %s {
                %s
                }
                """.formatted(classAnnotations, sql.replace("\n", "\n        "), name, body.stripTrailing()));
    }

    private static JavaFileObject activeUser(String body) {
        return entity("ActiveUser", "@Entity", ACTIVE_USER_SQL, body);
    }

    private Compilation compile(String[] options, JavaFileObject... sources) {
        return compiler(snapshots, options).compile(sources);
    }

    private Compilation compile(JavaFileObject... sources) {
        return compile(new String[0], sources);
    }

    private static String missing(String attribute, String column, String derivation, String hint) {
        return Messages.viewColumnMissing("com.example.ActiveUser." + attribute, column, derivation, "active_user",
                ACTIVE_USER_COLUMNS, hint);
    }

    @Test
    void fieldWhoseColumnTheViewDoesNotReturn_failsOnThatFieldNamingTheViewsColumns() {
        JavaFileObject file = activeUser("""
                    @Id
                    private Long id;
                    private String username;
                    private String email;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(missing("email", "email", "the attribute name email", ""))
                .inFile(file).onLineContaining("private String email;");
        assertThat(Messages.viewColumnMissing("com.example.ActiveUser.email", "email", "the attribute name email",
                "active_user", ACTIVE_USER_COLUMNS, ""))
                .contains("it returns: id, username, post_count, first_post_date.");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void everyMappedColumnReturned_freezesTheRevision() {
        Compilation compilation = compile(activeUser("""
                    @Id
                    private Long id;
                    private String userName;
                    @Column(name = "post_count")
                    private long postCount;
                    @Column(name = "FIRST_POST_DATE")
                    private OffsetDateTime firstPostDate;
                """));

        // userName → username and FIRST_POST_DATE → first_post_date: PostgreSQL folds unquoted names to lower case.
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void columnName_isTheOneChecked() {
        JavaFileObject file = activeUser("""
                    @Id
                    private Long id;
                    @Column(name = "posts")
                    private long postCount;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorContaining(missing("postCount", "posts", "@Column(name = \"posts\")", ""))
                .inFile(file).onLineContaining("private long postCount;");
    }

    @Test
    void transientAttributes_areNotChecked() {
        Compilation compilation = compile(activeUser("""
                    @Id
                    private Long id;
                    @Transient
                    private String displayName;
                    private transient int cached;
                    private static final int LIMIT = 10;
                    @OneToMany
                    private List<ActiveUser> friends;
                """));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void embeddedAttributes_areFlattenedWithTheirOverrides() {
        JavaFileObject address = source("com.example.Address", """
                package com.example;

                import jakarta.persistence.Column;
                import jakarta.persistence.Embeddable;

                @Embeddable
                public class Address {
                    private String street;
                    @Column(name = "zip")
                    private String postalCode;
                    private String city;
                }
                """);
        JavaFileObject file = entity("Customer", "@Entity", """
                SELECT c.id, c.street AS home_street, c.zip, c.town FROM customers c""", """
                    @Id
                    private Long id;
                    @Embedded
                    @AttributeOverride(name = "street", column = @Column(name = "home_street"))
                    @AttributeOverride(name = "city", column = @Column(name = "home_city"))
                    private Address home;
                """);

        Compilation compilation = compile(file, address);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.viewColumnMissing("com.example.Customer.home.city",
                        "home_city", "@AttributeOverride(name = \"city\", column = @Column(name = \"home_city\"))",
                        "customer", List.of("id", "home_street", "zip", "town"), ""))
                .inFile(file).onLineContaining("private Address home;");
    }

    @Test
    void nestedEmbeddables_takeOverridesByPath_andAttributeLevelAccess() {
        JavaFileObject geo = source("com.example.Geo", """
                package com.example;

                import jakarta.persistence.Embeddable;

                @Embeddable
                public class Geo {
                    private double lat;
                    private double lng;
                }
                """);
        JavaFileObject place = source("com.example.Place", """
                package com.example;

                import jakarta.persistence.Embeddable;
                import jakarta.persistence.Embedded;

                @Embeddable
                public class Place {
                    private String city;
                    @Embedded
                    private Geo geo;
                }
                """);
        JavaFileObject file = entity("Venue", "@Entity", """
                SELECT v.id, v.city, v.latitude, v.lng, v.label FROM venues v""", """
                    @Id
                    private Long id;
                    @Embedded
                    @AttributeOverride(name = "geo.lat", column = @Column(name = "latitude"))
                    private Place place;

                    @Access(AccessType.PROPERTY)
                    public String getLabel() { return ""; }
                    @Access(AccessType.PROPERTY)
                    public String getSubtitle() { return ""; }
                """);

        Compilation compilation = compile(file, place, geo);

        // place.geo.lat is overridden to latitude; getLabel/getSubtitle are added to field access by @Access.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.viewColumnMissing("com.example.Venue.subtitle",
                        "subtitle", "the attribute name subtitle", "venue",
                        List.of("id", "city", "latitude", "lng", "label"), ""))
                .inFile(file).onLineContaining("getSubtitle()");
    }

    @Test
    void propertyAccess_checksGettersAndFailsOnTheGetter() {
        JavaFileObject file = activeUser("""
                    private Long identifier;

                    @Id
                    public Long getId() { return identifier; }
                    public void setId(Long id) { identifier = id; }

                    @Column(name = "post_count")
                    public long getPosts() { return 0; }

                    public boolean isModerator() { return false; }

                    @Transient
                    public String getDisplayName() { return ""; }
                """);

        Compilation compilation = compile(file);

        // The field 'identifier' is not an attribute under property access; the boolean getter is.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(missing("moderator", "moderator", "the attribute name moderator",
                        "")).inFile(file).onLineContaining("public boolean isModerator()");
    }

    @Test
    void accessAnnotation_overridesWhereIdIsPlaced() {
        JavaFileObject file = entity("ActiveUser", "@Entity\n@Access(AccessType.PROPERTY)", ACTIVE_USER_SQL, """
                    @Id
                    private Long id;
                    private String notAColumnUnderPropertyAccess;

                    public Long getId() { return id; }
                    public String getNickname() { return ""; }
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(missing("nickname", "nickname", "the attribute name nickname", ""))
                .inFile(file).onLineContaining("getNickname()");
    }

    @Test
    void exactNaming_isTheDefault_andHintsAtSnakeCase() {
        JavaFileObject file = activeUser("""
                    @Id
                    private Long id;
                    private OffsetDateTime firstPostDate;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorContaining(missing("firstPostDate", "firstpostdate",
                        "the attribute name firstPostDate", Messages.viewColumnNamingHint("snake_case",
                                "first_post_date")))
                .inFile(file).onLineContaining("private OffsetDateTime firstPostDate;");
    }

    @Test
    void snakeCaseNaming_mapsCamelCaseAttributesToUnderscores() {
        JavaFileObject good = activeUser("""
                    @Id
                    private Long id;
                    private String username;
                    private long postCount;
                    @Column(name = "firstPostDate")
                    private OffsetDateTime first;
                """);

        // Spring's strategy applies to explicit names too: firstPostDate → first_post_date.
        assertThat(compile(new String[] {"-Aviewmigrate.naming=snake_case"}, good)).succeededWithoutWarnings();

        JavaFileObject bad = activeUser("""
                    @Id
                    private Long id;
                    private String userName;
                """);
        Compilation compilation = compile(new String[] {"-Aviewmigrate.naming=snake_case"}, bad);

        assertThat(compilation).hadErrorContaining(missing("userName", "user_name",
                        "the attribute name userName with -Aviewmigrate.naming=snake_case",
                        Messages.viewColumnNamingHint("exact", "username")))
                .inFile(bad).onLineContaining("private String userName;");
    }

    @Test
    void selectStar_isANoteOnTheClass_notAnError() {
        JavaFileObject file = entity("ActiveUser", "@Entity", "SELECT * FROM users", """
                    @Id
                    private Long id;
                    private String anything;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining(Messages.viewColumnsUnknown("com.example.ActiveUser",
                        "active_user", "select item 1 (*) takes its columns from the tables, which the processor"
                                + " can't see"))
                .inFile(file).onLineContaining("public class ActiveUser");
    }

    @Test
    void unparseableSql_isANoteOnTheClass_notAnError() {
        JavaFileObject file = entity("ActiveUser", "@Entity", "SELECT DISTINCT ON (u.id) u.id, u.name FROM users u"
                + " ORDER BY u.id, u.created_at DESC NULLS LAST FETCH FIRST 1 ROW WITH TIES TABLESAMPLE", """
                    @Id
                    private Long id;
                """);

        Compilation compilation = compile(file);

        // The column check only notes it; the one warning is the dependency graph's (it can't see what the SQL reads).
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[ViewSqlNotParsed]");
        assertThat(compilation).hadNoteContaining("[ViewColumnsUnknown]");
    }

    @Test
    void joinReturningTheSameNameTwice_warnsOnTheAttributeThatMapsIt_neverAnError() {
        JavaFileObject file = entity("ActiveUser", "@Entity", """
                SELECT u.id, p.id, u.username FROM users u JOIN posts p ON p.user_id = u.id""", """
                    @Id
                    private Long id;
                    private String username;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(Messages.viewColumnDuplicate("active_user", "id", List.of(1, 2),
                        "com.example.ActiveUser.id"))
                .inFile(file).onLineContaining("private Long id;");
    }

    @Test
    void duplicateNameTheEntityDoesNotMap_warnsOnTheClass() {
        JavaFileObject file = entity("ActiveUser", "@Entity", """
                SELECT u.id, u.name, p.name FROM users u JOIN posts p ON p.user_id = u.id""", """
                    @Id
                    private Long id;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(Messages.viewColumnDuplicate("active_user", "name", List.of(2, 3),
                        null))
                .inFile(file).onLineContaining("public class ActiveUser");
    }

    @Test
    void nonEntityViewClass_isNotChecked() {
        JavaFileObject file = entity("ActiveUser", "", ACTIVE_USER_SQL, """
                    private String email;
                """);

        assertThat(compile(file)).succeededWithoutWarnings();
    }

    @Test
    void columnCheckOff_skipsTheCheck() {
        JavaFileObject file = activeUser("""
                    @Id
                    private Long id;
                    private String email;
                """);

        Compilation compilation = compile(new String[] {"-Aviewmigrate.columnCheck=off"}, file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void unknownOptionValues_areRefused() {
        Compilation compilation = compile(new String[] {"-Aviewmigrate.naming=camel", "-Aviewmigrate.columnCheck=no"},
                activeUser("@Id private Long id;"));

        assertThat(compilation).hadErrorContaining(Messages.invalidNaming("camel"));
        assertThat(compilation).hadErrorContaining(Messages.invalidColumnCheck("no"));
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void mappedSuperclassAttributes_areCheckedAndReportedOnTheEntity() {
        JavaFileObject base = source("com.example.Audited", """
                package com.example;

                import jakarta.persistence.Id;
                import jakarta.persistence.MappedSuperclass;
                import java.time.OffsetDateTime;

                @MappedSuperclass
                public abstract class Audited {
                    @Id
                    private Long id;
                    private OffsetDateTime updatedAt;
                }
                """);
        JavaFileObject subclass = source("com.example.ActiveUser", """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Entity;

                @Entity
                @View(sql = "SELECT u.id, u.username FROM users u")
                public class ActiveUser extends Audited {
                    private String username;
                }
                """);

        Compilation compilation = compile(subclass, base);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.viewColumnMissing("com.example.ActiveUser.updatedAt",
                        "updatedat", "the attribute name updatedAt", "active_user", List.of("id", "username"), ""))
                .inFile(subclass).onLineContaining("public class ActiveUser");
    }

    @Test
    void manyToOne_usesTheJoinColumnOrJpasDefault() {
        JavaFileObject user = source("com.example.User", """
                package com.example;

                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                public class User {
                    @Id
                    @Column(name = "user_id")
                    private Long id;
                }
                """);
        JavaFileObject file = entity("PostSummary", "@Entity", """
                SELECT p.id, p.author_user_id, p.editor FROM posts p""", """
                    @Id
                    private Long id;
                    @ManyToOne
                    private User author;
                    @ManyToOne
                    @JoinColumn(name = "editor_id")
                    private User editor;
                """);

        Compilation compilation = compile(file, user);

        // author → author_user_id (attribute, "_", the referenced id column): returned. editor_id is not.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.viewColumnMissing("com.example.PostSummary.editor",
                        "editor_id", "@JoinColumn(name = \"editor_id\")", "post_summary",
                        List.of("id", "author_user_id", "editor"), ""))
                .inFile(file).onLineContaining("private User editor;");
    }

    @Test
    void quotedViewColumn_keepsItsCase_andTheMessageSaysSo() {
        JavaFileObject file = entity("ActiveUser", "@Entity", "SELECT u.id, u.name AS \"DisplayName\" FROM users u",
                """
                    @Id
                    private Long id;
                    private String displayName;
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewColumnMissing("com.example.ActiveUser.displayName",
                        "displayname", "the attribute name displayName", "active_user", List.of("id", "DisplayName"),
                        Messages.viewColumnCaseHint("displayname", "DisplayName")))
                .inFile(file).onLineContaining("private String displayName;");
    }

    @Test
    void javaxPersistenceEntities_areCheckedToo() {
        JavaFileObject javaxEntity = source("javax.persistence.Entity", """
                package javax.persistence;

                import java.lang.annotation.Retention;
                import java.lang.annotation.RetentionPolicy;

                @Retention(RetentionPolicy.RUNTIME)
                public @interface Entity {
                }
                """);
        JavaFileObject file = source("com.example.Legacy", """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @javax.persistence.Entity
                @View(sql = "SELECT l.id FROM legacy_rows l")
                public class Legacy {
                    private Long id;
                    private String code;
                }
                """);

        Compilation compilation = compile(file, javaxEntity);

        assertThat(compilation).hadErrorContaining("[ViewColumnMissing] com.example.Legacy.code maps column code")
                .inFile(file).onLineContaining("private String code;");
        assertThat(compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count())
                .isEqualTo(1);
    }
}
