package dev.viewmigrate.processor;

import dev.viewmigrate.processor.columns.Naming;
import dev.viewmigrate.processor.model.Dialect;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Every {@code -A} option of the processor, parsed and checked in one place.
 *
 * @param snapshots {@code -Aviewmigrate.snapshots}: the directory of frozen revisions (required)
 * @param mode {@code -Aviewmigrate.mode}: generate (default) or check
 * @param packageName {@code -Aviewmigrate.package}: the package of the generated migrations
 * @param columnCheck {@code -Aviewmigrate.columnCheck=on|off} (default on): check that each {@code @View} entity maps
 *     only columns its view returns
 * @param naming {@code -Aviewmigrate.naming=exact|snake_case} (default exact): how entity attributes and
 *     {@code @Table} names become column and relation names
 * @param dialect {@code -Aviewmigrate.dialect=postgresql|sqlite} (default postgresql): the database the migrations are
 *     written for; frozen with the revisions
 * @param sideBySide {@code -Aviewmigrate.rebuild=drop-create|side-by-side} (default drop-create): how materialized
 *     views whose {@code @View(rebuild)} is left to its default are rebuilt
 */
public record Options(Path snapshots, Mode mode, String packageName, boolean columnCheck, Naming naming,
        Dialect dialect, boolean sideBySide) {
    /** Options with the default rebuild (DROP + CREATE). */
    public Options(Path snapshots, Mode mode, String packageName, boolean columnCheck, Naming naming,
            Dialect dialect) {
        this(snapshots, mode, packageName, columnCheck, naming, dialect, false);
    }

    /** PostgreSQL options. */
    public Options(Path snapshots, Mode mode, String packageName, boolean columnCheck, Naming naming,
            boolean sideBySide) {
        this(snapshots, mode, packageName, columnCheck, naming, Dialect.POSTGRESQL, sideBySide);
    }

    public static final String SNAPSHOTS = "viewmigrate.snapshots";
    public static final String MODE = "viewmigrate.mode";
    public static final String PACKAGE = "viewmigrate.package";
    public static final String DEFAULT_PACKAGE = "viewmigrate.generated";
    public static final String NAMING = "viewmigrate.naming";
    public static final String COLUMN_CHECK = "viewmigrate.columnCheck";
    public static final String DIALECT = "viewmigrate.dialect";
    public static final String REBUILD = "viewmigrate.rebuild";
    public static final Set<String> ALL = Set.of(SNAPSHOTS, MODE, PACKAGE, NAMING, COLUMN_CHECK, DIALECT, REBUILD);

    private static final Pattern PACKAGE_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    /** {@code generate} freezes new revisions; {@code check} only verifies that none is missing. */
    public enum Mode { GENERATE, CHECK }

    /** The options, or empty after reporting every one that is wrong. */
    public static Optional<Options> parse(Map<String, String> options, Reporter reporter) {
        String snapshots = options.get(SNAPSHOTS);
        boolean ok = true;
        if (snapshots == null || snapshots.isBlank()) {
            reporter.error(Messages.missingSnapshotsOption(), Reporter.At.COMPILE);
            ok = false;
        }
        String modeText = options.getOrDefault(MODE, "generate").strip();
        Mode mode = switch (modeText) {
            case "generate" -> Mode.GENERATE;
            case "check" -> Mode.CHECK;
            default -> null;
        };
        if (mode == null) {
            reporter.error(Messages.invalidMode(modeText), Reporter.At.COMPILE);
            ok = false;
        }
        String packageName = options.getOrDefault(PACKAGE, DEFAULT_PACKAGE).strip();
        if (!PACKAGE_NAME.matcher(packageName).matches()
                || Pattern.compile("\\.").splitAsStream(packageName).anyMatch(SourceVersion::isKeyword)) {
            reporter.error(Messages.invalidPackage(packageName), Reporter.At.COMPILE);
            ok = false;
        }
        String check = options.getOrDefault(COLUMN_CHECK, "on").strip();
        boolean columnCheck = check.equals("on");
        if (!columnCheck && !check.equals("off")) {
            reporter.error(Messages.invalidColumnCheck(check), Reporter.At.COMPILE);
            ok = false;
        }
        String namingText = options.getOrDefault(NAMING, Naming.EXACT.optionValue()).strip();
        Optional<Naming> naming = Naming.ofOption(namingText);
        if (naming.isEmpty()) {
            reporter.error(Messages.invalidNaming(namingText), Reporter.At.COMPILE);
            ok = false;
        }
        String dialectText = options.getOrDefault(DIALECT, Dialect.POSTGRESQL.optionValue()).strip();
        Optional<Dialect> dialect = Dialect.ofOption(dialectText);
        if (dialect.isEmpty()) {
            reporter.error(Messages.invalidDialect(dialectText, Dialect.optionValues()), Reporter.At.COMPILE);
            ok = false;
        }
        String rebuild = options.getOrDefault(REBUILD, "drop-create").strip();
        boolean sideBySide = rebuild.equals("side-by-side");
        if (!sideBySide && !rebuild.equals("drop-create")) {
            reporter.error(Messages.invalidRebuild(rebuild), Reporter.At.COMPILE);
            ok = false;
        }
        return ok ? Optional.of(new Options(Path.of(snapshots.strip()), mode, packageName, columnCheck, naming.get(),
                dialect.get(), sideBySide)) : Optional.empty();
    }
}
