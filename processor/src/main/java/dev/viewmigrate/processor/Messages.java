package dev.viewmigrate.processor;

import java.util.List;
import java.util.Optional;

/**
 * Every diagnostic the processor prints, in one place. Each starts with a tag in brackets (stable, searchable, used
 * by tests) and says what is wrong, where, and what to do about it.
 */
public final class Messages {
    private Messages() {}

    public static final String SNAPSHOTS_OPTION_LINE =
            "<arg>-Aviewmigrate.snapshots=${project.basedir}/src/main/viewmigrate</arg>";

    public static String missingSnapshotsOption() {
        return "[ViewMigrateSnapshotsOption] The viewmigrate processor needs the directory where revisions are frozen"
                + " (committed with your code). Add this line under <compilerArgs> of maven-compiler-plugin: "
                + SNAPSHOTS_OPTION_LINE;
    }

    public static String invalidMode(String value) {
        return "[ViewMigrateMode] -Aviewmigrate.mode=" + value + " is not a mode; use generate (the default: freeze new"
                + " revisions) or check (for CI: fail when a revision is missing, write nothing).";
    }

    public static String invalidPackage(String value) {
        return "[ViewMigratePackage] -Aviewmigrate.package=" + value + " is not a Java package name; use a dotted name"
                + " such as com.example.migrations (default viewmigrate.generated).";
    }

    public static String snapshotsNotDirectory(String path) {
        return "[ViewMigrateSnapshotsOption] " + path + " (-Aviewmigrate.snapshots) exists but is not a directory;"
                + " point the option at a directory (it is created when missing).";
    }

    public static String viewNotAClass(String type, String kind) {
        return "[ViewNotAClass] @View is on " + kind + " " + type + "; a view is declared on a class (normally the"
                + " JPA entity that reads it). Move @View to a class.";
    }

    public static String viewSqlAndSqlResource(String type) {
        return "[ViewSqlAndSqlResource] @View on " + type + " sets both sql and sqlResource; keep exactly one of them.";
    }

    public static String viewNoSql(String type) {
        return "[ViewNoSql] @View on " + type + " has neither sql nor sqlResource; add sql = \"\"\"SELECT ...\"\"\" or"
                + " sqlResource = \"views/<name>.sql\".";
    }

    public static String viewSqlEmpty(String type, String attribute) {
        return "[ViewSqlEmpty] @View on " + type + ": " + attribute + " gives an empty SQL text; write the view's"
                + " SELECT.";
    }

    public static String viewSqlResourceMissing(String type, String path) {
        return "[ViewSqlResourceMissing] @View on " + type + ": sqlResource \"" + path + "\" was not found on the"
                + " source path, the class output (src/main/resources is copied there) or the class path. Check the"
                + " path: it is relative to a source or resource root, e.g. \"views/active_users.sql\".";
    }

    public static String viewSqlResourceUnreadable(String type, String path, String cause) {
        return "[ViewSqlResourceUnreadable] @View on " + type + ": sqlResource \"" + path + "\" cannot be read ("
                + cause + "); make it a readable UTF-8 file.";
    }

    public static String viewInvalidIdentifier(String type, String attribute, String value, String reason) {
        return "[ViewInvalidIdentifier] @View on " + type + ": " + attribute + " \"" + value + "\" is not a valid"
                + " PostgreSQL identifier (" + reason + "); use letters, digits and underscores, at most 63 bytes.";
    }

    public static String viewDuplicateName(String type, String view, String firstType) {
        return "[ViewDuplicateName] view " + view + " of " + type + " is also declared by " + firstType + "; each view"
                + " has one declaring class. Give one of them another name (@View(name = \"...\")) or schema.";
    }

    /** The option that selects SQLite, as messages name it. */
    private static final String SQLITE = "SQLite (-Aviewmigrate.dialect=sqlite)";

    public static String viewSqliteMaterialized(String type) {
        return "[ViewSqliteMaterialized] @View on " + type + " sets materialized = true, but " + SQLITE + " has no"
                + " materialized views. Remove materialized (and withData, indexes): the view then computes its rows"
                + " on every read; to keep rows stored, fill a table from your code instead.";
    }

    public static String viewSqliteIndexes(String type) {
        return "[ViewSqliteIndexes] @View on " + type + " declares indexes, but " + SQLITE + " can't index a view."
                + " Remove indexes and index the columns of the tables the view reads (in your table migrations).";
    }

    public static String viewSqliteOptions(String type) {
        return "[ViewSqliteOptions] @View on " + type + " declares options, but views in " + SQLITE + " take no"
                + " options (no WITH (...), no check option). Remove options.";
    }

    public static String viewSqliteComment(String type) {
        return "[ViewSqliteComment] @View on " + type + " declares a comment, but " + SQLITE + " has no COMMENT ON."
                + " Remove comment; a -- comment inside the SQL is kept with the view's text instead.";
    }

    public static String viewSqliteSchema(String type, String schema) {
        return "[ViewSqliteSchema] @View on " + type + " sets schema = \"" + schema + "\", but on " + SQLITE
                + " viewmigrate manages the views of the database file itself (schema main), where its history table"
                + " is and which its backups copy: a temp view vanishes with its connection, and an attached database"
                + " is another file. Remove schema (or set it to main).";
    }

    public static String viewSqliteReservedName(String type, String name) {
        return "[ViewSqliteName] @View on " + type + " is named " + name + ", but " + SQLITE + " reserves names"
                + " starting with sqlite_ for itself and refuses to create such a view. Choose another name"
                + " (@View(name = \"...\")).";
    }

    public static String viewSqliteDuplicateName(String type, String view, String firstType, String firstView) {
        return "[ViewSqliteDuplicateName] view " + view + " of " + type + " is the same view as " + firstView + " of "
                + firstType + " for " + SQLITE + ", which compares names without regard to case and keeps every"
                + " view in schema main. Give one of them another name (@View(name = \"...\")).";
    }

    /** The name of the warning, for {@code @SuppressWarnings}. */
    public static final String READS_REMOVED_WARNING = "viewmigrate.readsRemoved";

    public static String viewSqliteReadsRemoved(String type, String view, String removed) {
        return "[ViewSqliteReadsRemoved] @View on " + type + ": view " + view + " reads " + removed + ", which is no"
                + " longer declared, so the next revision drops it. SQLite does not check what a view reads: " + view
                + " would be created again and fail when read (no such table: main." + removed + "). Stop reading "
                + removed + " in the SQL of " + view + ", or declare " + removed + " again; if a table of that name"
                + " replaces the view, silence this warning with @SuppressWarnings(\"" + READS_REMOVED_WARNING
                + "\") on the class.";
    }

    public static String viewDependsOnNotView(String type, String dependency) {
        return "[ViewDependsOnNotView] @View on " + type + ": dependsOn lists " + dependency + ", which has no @View;"
                + " list only @View classes (tables need no declaration).";
    }

    public static String invalidRebuild(String value) {
        return "[ViewMigrateRebuild] -Aviewmigrate.rebuild=" + value + " is not a rebuild mode; use drop-create (the"
                + " default: a changed materialized view is dropped, then created) or side-by-side (built beside the"
                + " old one, then swapped in; needs room for both).";
    }

    public static String viewMaterializedOnly(String type, String attribute) {
        return "[ViewMaterializedOnly] @View on " + type + ": " + attribute + " applies to materialized views only; add"
                + " materialized = true or remove " + attribute + ".";
    }

    public static String viewDuplicateIndexName(String type, String index, String owner) {
        return "[ViewDuplicateIndexName] @View on " + type + ": index name \"" + index + "\" is already used by "
                + owner + " in the same schema; indexes share the namespace of tables and views. Give this index"
                + " another name (@View.Index(name = \"...\")).";
    }

    public static String viewSqlSecondStatement(String type, String attribute, String found) {
        return "[ViewSqlNotOneQuery] @View on " + type + ": " + attribute + " holds a second statement after the"
                + " query (" + found + "). The migrations run this text inside CREATE VIEW, so every statement in it"
                + " would run again whenever the view is created. Keep exactly one query (SELECT, WITH ... SELECT,"
                + " VALUES or TABLE) and put other statements in a @HandWrittenMigration.";
    }

    public static String viewSqlNotAQuery(String type, String attribute, String found) {
        return "[ViewSqlNotOneQuery] @View on " + type + ": " + attribute + " is not a query (found: " + found
                + "). A view is exactly one query: SELECT, WITH ... SELECT, VALUES or TABLE, without data-modifying"
                + " statements; put DDL and DML in a @HandWrittenMigration.";
    }

    public static String viewSqlUnterminated(String type, String attribute, String what) {
        return "[ViewSqlNotOneQuery] @View on " + type + ": " + attribute + " ends inside " + what + ", so where its"
                + " statements end can't be told. Close it.";
    }

    public static String viewSqlCheckOption(String type, String attribute, String found, String option) {
        return "[ViewSqlCheckOption] @View on " + type + ": " + attribute + " ends with " + found + ", which is not"
                + " part of the query but an option of the view. Remove it from the SQL and declare it as"
                + " @View(options = \"check_option=" + option + "\").";
    }

    public static String viewReadsItself(String type, String view, String where) {
        return "[ViewReadsItself] @View on " + type + ": view " + view + " reads itself (in " + where + "), which"
                + " PostgreSQL refuses to create. Read the tables it is built from instead (a recursive query is"
                + " written WITH RECURSIVE inside the SQL).";
    }

    public static String viewReadsUnpopulated(String type, String view, String unpopulated) {
        return "[ViewReadsUnpopulated] @View on " + type + ": materialized view " + view + " is created with data"
                + " (withData = true) but reads materialized view " + unpopulated + ", created without data"
                + " (withData = false): filling " + view + " fails at upgrade (materialized view \"" + unpopulated
                + "\" has not been populated). Set withData = false on " + view + " too, or withData = true on "
                + unpopulated + ".";
    }

    public static String viewIndexEntryInvalid(String type, String index, String attribute, String entry,
            String problem) {
        return "[ViewIndexInvalid] @View on " + type + ": index " + index + ": " + attribute + " \"" + entry
                + "\" is not one " + (attribute.equals("where") ? "expression" : "column or expression") + " ("
                + problem + "). The text is written into CREATE INDEX, so it must hold nothing else: "
                + (attribute.equals("where") ? "write one boolean expression, without WHERE."
                        : "write a column name or an expression, optionally followed by an operator class,"
                        + " ASC|DESC and NULLS FIRST|LAST.");
    }

    public static String viewIndexNameInvalid(String type, String index, String attribute, String value) {
        return "[ViewIndexInvalid] @View on " + type + ": index " + index + ": " + attribute + " \"" + value
                + "\" is not " + (attribute.equals("using") ? "an index method name" : "a column name") + "; "
                + (attribute.equals("using") ? "write the method, e.g. \"gin\", \"gist\", \"brin\" (empty:"
                + " btree)." : "list the view's column names (quoted with \"...\" if they need it).");
    }

    public static String viewIndexColumnNotReturned(String type, String index, String column, String view,
            List<String> columns) {
        return "[ViewIndexColumnNotReturned] @View on " + type + ": index " + index + " names column " + column
                + ", but view " + view + " returns no such column; it returns: " + String.join(", ", columns)
                + ". Index a column the view returns (alias it in the SQL: ... AS " + column + "), or fix the name.";
    }

    public static String viewOptionInvalid(String type, String entry, String problem) {
        return "[ViewOptionInvalid] @View on " + type + ": option \"" + entry + "\" is refused: " + problem
                + ". Write each option as name=value, e.g. \"security_invoker=true\" or, on a materialized view,"
                + " \"fillfactor=70\".";
    }

    public static String viewOptionDuplicate(String type, String name) {
        return "[ViewOptionDuplicate] @View on " + type + ": option " + name + " is set more than once; keep one.";
    }

    /** The name of the warning, for {@code @SuppressWarnings}. */
    public static final String SQL_NOT_PARSED_WARNING = "viewmigrate.sqlNotParsed";

    /** @param parserError where the parser stopped ({@code unexpected "," at line 2, column 28}), if known */
    public static String viewSqlNotParsed(String type, String view, Optional<String> parserError) {
        return "[ViewSqlNotParsed] @View on " + type + ": the SQL of view " + view + " could not be parsed"
                + parserError.map(error -> " (JSqlParser: " + error + ")").orElse("") + ", so the"
                + " views it reads are not known from it and only dependsOn orders it. If the SQL has a mistake,"
                + " fix it: PostgreSQL would refuse it at upgrade. If it is PostgreSQL syntax the parser does not know,"
                + " list every @View class it reads in dependsOn; then silence this warning with @SuppressWarnings(\""
                + SQL_NOT_PARSED_WARNING + "\") on the class.";
    }

    public static String viewDependencyCycle(String type, String cycle) {
        return "[ViewDependencyCycle] @View on " + type + ": the views read each other in a cycle (" + cycle + "),"
                + " which PostgreSQL cannot create. Remove one of these reads (in the SQL or in dependsOn).";
    }

    public static String viewInLaterRound(String type) {
        return "[ViewGeneratedClass] @View on " + type + ", a class generated by another annotation processor, is not"
                + " supported: viewmigrate freezes the views it sees in the first round. Declare the view on a"
                + " hand-written class.";
    }

    public static String viewTypeNotResolved(String type, String attribute) {
        return "[ViewTypeNotResolved] @View on " + type + ": a class in " + attribute + " cannot be resolved; fix the"
                + " compile error it causes first.";
    }

    public static String handWrittenNotMigration(String type) {
        return "[HandWrittenNotJavaMigration] @HandWrittenMigration on " + type + ": the class must implement"
                + " dev.viewmigrate.runtime.JavaMigration (upgrade and downgrade). Add 'implements JavaMigration'.";
    }

    public static String handWrittenShape(String type, String problem) {
        return "[HandWrittenShape] @HandWrittenMigration on " + type + ": " + problem + "; the generated migration"
                + " instantiates it with new " + type + "(), so make it a public, non-abstract, top-level (or static"
                + " nested) class with a public no-argument constructor.";
    }

    public static String handWrittenNoDescription(String type) {
        return "[HandWrittenNoDescription] @HandWrittenMigration on " + type + ": description is empty; say in one line"
                + " what the migration does, e.g. description = \"create table posts\".";
    }

    public static String handWrittenRemoved(String className, String fileName) {
        return "[HandWrittenRemoved] hand-written migration " + className + " is frozen in revision file " + fileName
                + " but the class no longer exists. Revisions are append-only: restore the class (write a new"
                + " hand-written migration to undo what it did).";
    }

    public static String runtimeMissing() {
        return "[ViewMigrateRuntimeMissing] dev.viewmigrate.runtime.Migration is not on the compile class path, but"
                + " the generated migrations implement it. Add the dependency dev.viewmigrate:viewmigrate-runtime.";
    }

    public static String snapshotUnreadable(String file, String cause) {
        return "[SnapshotUnreadable] revision file " + file + " cannot be read (" + cause + "). Check its permissions;"
                + " restore it from version control if it is damaged.";
    }

    public static String snapshotCorrupt(String file, int line, String problem) {
        return "[SnapshotCorrupt] revision file " + file + (line > 0 ? ", line " + line : "") + ": " + problem
                + ". Revision files are written by the processor and never edited: restore the file from version"
                + " control (git checkout -- " + file + ").";
    }

    public static String snapshotStrayFile(String file) {
        return "[SnapshotStrayFile] " + file + " in the snapshot directory is not a revision file (NNNN_<slug>.yaml);"
                + " move it elsewhere.";
    }

    public static String snapshotBranchConflict(int parent, String firstFile, String secondFile) {
        return "[SnapshotBranchConflict] revision files " + firstFile + " and " + secondFile + " both follow revision "
                + parent + ": two branches each froze the next revision. To resolve: delete the revision files your"
                + " branch added, that is whichever of these two your branch froze and every later one (if a development database applied them, first run"
                + " 'downgrade " + (parent == 0 ? "base" : parent) + "' there with your branch's build), then recompile:"
                + " your view changes are frozen again, as one revision, on top of the other branch's revisions.";
    }

    public static String snapshotMergeConflict(String file, int revision) {
        return "[SnapshotMergeConflict] revision file " + file + " holds git conflict markers (<<<<<<<): two branches"
                + " each froze revision " + revision + " under this name, and git merged both into one file. To"
                + " resolve: keep the other branch's file as it was (while merging it into your branch: git checkout"
                + " --theirs -- " + file + "; while rebasing onto it: --ours), delete the later revision files your"
                + " branch added (if a development database applied your branch's revisions, first run 'downgrade "
                + (revision <= 1 ? "base" : String.valueOf(revision - 1)) + "' there with your branch's build), then"
                + " recompile: your view changes are frozen again, as one revision, on top of the other branch's"
                + " revisions.";
    }

    public static String snapshotGap(int expected, String file) {
        return "[SnapshotGap] the revision chain is broken: revision " + expected + " is missing, but " + file
                + " follows it. Restore the missing revision file from version control.";
    }

    public static String snapshotWriteFailed(String file, String cause) {
        return "[SnapshotWriteFailed] cannot write revision file " + file + " (" + cause + "); nothing was written."
                + " Make the snapshot directory writable and compile again.";
    }

    public static String revisionMissing(String view, String change) {
        return "[RevisionMissing] view " + view + " " + change + " but no revision freezes it"
                + " (-Aviewmigrate.mode=check). Compile without check mode and commit the new revision file.";
    }

    public static String handWrittenRevisionMissing(String type) {
        return "[RevisionMissing] hand-written migration " + type + " is not frozen in a revision"
                + " (-Aviewmigrate.mode=check). Compile without check mode and commit the new revision file.";
    }

    public static String revisionFrozen(String fileName, String description) {
        return "[RevisionFrozen] froze revision " + fileName + " (" + description + "); commit it with your code.";
    }

    public static String invalidNaming(String value) {
        return "[ViewMigrateNaming] -Aviewmigrate.naming=" + value + " is not a naming strategy; use exact (the"
                + " default, Hibernate's: the attribute name is the column name) or snake_case (Spring Boot's"
                + " default: firstPostDate is first_post_date).";
    }

    public static String invalidDialect(String value, List<String> dialects) {
        return "[ViewMigrateDialect] -Aviewmigrate.dialect=" + value + " is not a dialect viewmigrate knows; use one"
                + " of " + String.join(", ", dialects) + " (the default is postgresql).";
    }

    public static String dialectMismatch(String directory, String frozen, String firstFile, String option) {
        return "[ViewMigrateDialectMismatch] The revisions in " + directory + " were frozen for " + frozen + " (see "
                + firstFile + "), but this compile is for " + option + " (-Aviewmigrate.dialect, postgresql when"
                + " not set). A chain of revisions is written for one database: set -Aviewmigrate.dialect=" + frozen
                + " to keep building on it, or point -Aviewmigrate.snapshots at a new, empty directory to start a"
                + " chain for " + option + ".";
    }

    public static String snapshotDialectsMixed(String firstFile, String firstDialect, String otherFile,
            String otherDialect) {
        return "[SnapshotCorrupt] " + firstFile + " was frozen for " + firstDialect + " but " + otherFile
                + " for " + otherDialect + "; a chain of revisions is written for one database. Restore the files"
                + " from version control (revision files are never edited), or keep the chains in two directories.";
    }

    public static String invalidColumnCheck(String value) {
        return "[ViewMigrateColumnCheck] -Aviewmigrate.columnCheck=" + value + " is not a setting; use on (the"
                + " default: check that each @View entity maps only columns its view returns) or off.";
    }

    /**
     * An entity attribute maps a column the view does not return.
     *
     * @param attribute the class and attribute path, e.g. {@code com.example.ActiveUser.postCount}
     * @param column the column the mapping expects (as PostgreSQL stores it)
     * @param derivation how that name was derived, e.g. {@code @Column(name = "posts")}
     * @param viewColumns the view's output columns, in select order
     * @param hint an extra sentence (case or naming strategy) or ""
     */
    public static String viewColumnMissing(String attribute, String column, String derivation, String view,
            List<String> viewColumns, String hint) {
        return "[ViewColumnMissing] " + attribute + " maps column " + column + " (from " + derivation + "), but view "
                + view + " returns no such column; it returns: " + String.join(", ", viewColumns) + ". Add the"
                + " column to the view's SQL or alias an expression (... AS " + column + "), fix the mapping"
                + " (@Column(name = \"...\")), or mark the attribute @Transient if it is not read from the view."
                + (hint.isEmpty() ? "" : " " + hint);
    }

    public static String viewColumnCaseHint(String column, String returned) {
        return "The view returns \"" + returned + "\", a quoted identifier: PostgreSQL keeps its case, so it is not "
                + column + ". Alias it without quotes in the SQL (AS " + column + ").";
    }

    public static String viewColumnNamingHint(String option, String column) {
        return "With -Aviewmigrate.naming=" + option + " the column would be " + column + ", which the view returns:"
                + " set that option if it is your application's naming strategy (snake_case is Spring Boot's"
                + " default).";
    }

    /** The entity's columns could not be checked, because the view's output columns can't be told from its SQL. */
    public static String viewColumnsUnknown(String type, String view, String reason) {
        return "[ViewColumnsUnknown] the columns of entity " + type + " were not checked against view " + view
                + ": " + reason + ". List the columns explicitly in the SELECT to have them checked, or set"
                + " -Aviewmigrate.columnCheck=off to silence this note.";
    }

    /**
     * Two select items get the same output name.
     *
     * @param mappedBy the attribute that maps the duplicated column, or null when the entity doesn't map it
     */
    public static String viewColumnDuplicate(String view, String column, List<Integer> positions,
            String mappedBy) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < positions.size(); i++) {
            items.append(i == 0 ? "" : i == positions.size() - 1 ? " and " : ", ").append(positions.get(i));
        }
        return "[ViewColumnDuplicate] view " + view + " returns column " + column + " more than once (select items "
                + items + "): PostgreSQL refuses to create it (column \"" + column + "\" specified more than once)"
                + (mappedBy == null ? "" : ", and " + mappedBy + " could not tell the columns apart") + ". Give each"
                + " an alias of its own, e.g. b." + column + " AS b_" + column + ".";
    }

    /** What the snapshot directory holds after a failure: the revision files this compile wrote, if any. */
    private static String writtenSoFar(List<String> written) {
        if (written.isEmpty()) {
            return "Nothing was written to the snapshot directory.";
        }
        return (written.size() == 1 ? "Revision file " + written.get(0) + " was"
                : "Revision files " + String.join(", ", written) + " were")
                + " written completely before the failure: keep " + (written.size() == 1 ? "it" : "them")
                + " and commit " + (written.size() == 1 ? "it" : "them") + " with your code; the next compile"
                + " regenerates every migration class from the snapshot directory.";
    }

    public static String generatedFileFailed(String file, String cause, List<String> written) {
        return "[ViewMigrateGeneratedFileFailed] cannot write generated file " + file + " (" + cause + ")."
                + (cause.contains("Attempt to recreate") ? " A class of that name is already part of this compile"
                        + " (a source file declares it, or another processor generated it): rename that class, or"
                        + " set -Aviewmigrate.package to a package of its own for the generated migrations." : "")
                + " " + writtenSoFar(written) + " Fix the cause and compile again.";
    }

    /**
     * A class the processor needs could not be loaded while it ran.
     *
     * @param missingClass the class, dotted, e.g. {@code com.palantir.javapoet.ClassName}
     * @param error the simple name of the linkage error, e.g. {@code NoClassDefFoundError}
     */
    public static String processorPathIncomplete(String missingClass, String error, List<String> written) {
        return "[ViewMigrateProcessorPath] the viewmigrate processor cannot load class " + missingClass + " ("
                + error + "): a library it needs is missing from the annotation processor path. Put the artifact"
                + " dev.viewmigrate:viewmigrate-processor on annotationProcessorPaths of maven-compiler-plugin"
                + " (<path><groupId>dev.viewmigrate</groupId><artifactId>viewmigrate-processor</artifactId>"
                + "<version>...</version></path>), which brings its dependencies transitively, rather than a bare"
                + " processor jar (e.g. -processorpath viewmigrate-processor.jar alone). " + writtenSoFar(written);
    }

    public static String internalError(List<String> written, String stackTrace) {
        return "[ViewMigrateInternalError] the viewmigrate processor failed unexpectedly. " + writtenSoFar(written)
                + " Please report this with the stack trace:\n" + stackTrace;
    }

    /** -Aviewmigrate.description given, but nothing was frozen. */
    public static String descriptionUnused(String option) {
        return "[ViewDescription] -A" + option + " was given, but this compile froze no revision: the description "
                + "was not used.";
    }

    /** -Aviewmigrate.amend with a value that is not true, force or false. */
    public static String amendOptionInvalid(String option, String value) {
        return "[ViewAmendOption] -A" + option + "=" + value + " is not a valid value: use true (replace the newest "
                + "revision, which no database applied), force (the same, even when git has committed its file) or "
                + "false (the default). Nothing was frozen.";
    }

    /** -Dviewmigrate.amend (or .description) set in the compiler's JVM, but not passed on as a processor option. */
    public static String optionOnlyAsSystemProperty(String option, String value) {
        return "[ViewAmendOption] -D" + option + "=" + value + " is set, but the viewmigrate processor did not receive "
                + "-A" + option + ": a -D property reaches the processor only through the compiler arguments. Add "
                + "<arg>-A" + option + "=${" + option + "}</arg> under <compilerArgs> of maven-compiler-plugin (and <"
                + option + "></" + option + "> under <properties>), see docs/processor.md#options; then run mvn clean "
                + "compile -D" + option + "=" + value + " again. Nothing was frozen.";
    }

    /** -Aviewmigrate.amend together with check mode. */
    public static String amendInCheckMode(String option) {
        return "[ViewAmendOption] -A" + option + " rewrites the newest revision, but -Aviewmigrate.mode=check never "
                + "writes. Drop one of the two options. Nothing was frozen.";
    }

    /** -Aviewmigrate.amend on an empty chain. */
    public static String amendNothingYet(String option) {
        return "[ViewAmend] -A" + option + ": there is no revision to amend yet; freezing as usual.";
    }

    /** -Aviewmigrate.amend when the newest revision is a hand-written one. */
    public static String amendHandWritten(int revision, String file, String className, String option) {
        return "[ViewAmend] Cannot amend revision " + revision + " (" + file + "): it freezes the hand-written "
                + "migration " + className + ", whose code is its own. Fix that class instead (if no database applied "
                + "it), or compile without -A" + option + ". Nothing was frozen.";
    }

    /** -Aviewmigrate.amend=true when git has committed the newest revision's file. */
    public static String amendCommitted(int revision, String file, String option) {
        return "[ViewAmend] Refusing to amend revision " + revision + ": git has committed its file " + file + ", so "
                + "another clone or a deployed database may have applied it, and an amended revision would then be "
                + "refused there (checksum mismatch). Freeze the fix as a new revision (compile without -A" + option
                + "), or, if you know no database applied it, compile with -A" + option + "=force. Nothing was "
                + "frozen.";
    }

    /** Reading or deleting the amended revision's file failed. */
    public static String amendFileFailed(String action, String file, String cause) {
        return "[ViewAmend] Could not " + action + " " + file + " to amend it: " + cause + ". Nothing was changed.";
    }

    /** The amended revision already freezes the views as they are. */
    public static String amendNothingToDo(int revision, String file) {
        return "[ViewAmend] Revision " + revision + " (" + file + ") already freezes the views as they are now: "
                + "nothing to amend.";
    }

    /** What an amend did: {@code frozen} are the files frozen in place of the old one (none when reverted). */
    public static String amended(int revision, String file, java.util.List<String> frozen) {
        return "[ViewAmend] Amended revision " + revision + ": deleted " + file
                + (frozen.isEmpty() ? "; the views equal revision " + (revision - 1) + " again, so no revision "
                        + "replaces it." : ", froze " + String.join(", ", frozen) + " in its place.")
                + " Its migration class is regenerated (or no longer generated) in this compile.";
    }
}
