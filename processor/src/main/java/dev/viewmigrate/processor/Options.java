package dev.viewmigrate.processor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** The processor's {@code -A} options, parsed and checked. */
public record Options(Path snapshots, Mode mode, String packageName) {
    public static final String SNAPSHOTS = "viewmigrate.snapshots";
    public static final String MODE = "viewmigrate.mode";
    public static final String PACKAGE = "viewmigrate.package";
    public static final String DEFAULT_PACKAGE = "viewmigrate.generated";
    /** Read by {@code columns.ColumnCheckOptions}: the entity/view column check. */
    public static final String NAMING = "viewmigrate.naming";
    public static final String COLUMN_CHECK = "viewmigrate.columnCheck";
    public static final Set<String> ALL = Set.of(SNAPSHOTS, MODE, PACKAGE, NAMING, COLUMN_CHECK);

    private static final Pattern PACKAGE_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    /** {@code generate} freezes new revisions; {@code check} only verifies that none is missing. */
    public enum Mode { GENERATE, CHECK }

    /** The options, or null after reporting what is wrong. */
    static Options parse(Map<String, String> options, Reporter reporter) {
        String snapshots = options.get(SNAPSHOTS);
        boolean ok = true;
        if (snapshots == null || snapshots.isBlank()) {
            reporter.error(Messages.missingSnapshotsOption());
            ok = false;
        }
        String modeText = options.getOrDefault(MODE, "generate").strip();
        Mode mode = switch (modeText) {
            case "generate" -> Mode.GENERATE;
            case "check" -> Mode.CHECK;
            default -> null;
        };
        if (mode == null) {
            reporter.error(Messages.invalidMode(modeText));
            ok = false;
        }
        String packageName = options.getOrDefault(PACKAGE, DEFAULT_PACKAGE).strip();
        if (!PACKAGE_NAME.matcher(packageName).matches()
                || Pattern.compile("\\.").splitAsStream(packageName).anyMatch(SourceVersion::isKeyword)) {
            reporter.error(Messages.invalidPackage(packageName));
            ok = false;
        }
        return ok ? new Options(Path.of(snapshots.strip()), mode, packageName) : null;
    }
}
