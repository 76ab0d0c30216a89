package dev.viewmigrate.processor.columns;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Options;
import dev.viewmigrate.processor.Reporter;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the entity/view column check: {@code -Aviewmigrate.columnCheck=on|off} (default on) and
 * {@code -Aviewmigrate.naming=exact|snake_case} (default exact).
 */
public record ColumnCheckOptions(boolean enabled, Naming naming) {
    /** The options, or null after reporting what is wrong. */
    public static ColumnCheckOptions parse(Map<String, String> options, Reporter reporter) {
        boolean ok = true;
        String check = options.getOrDefault(Options.COLUMN_CHECK, "on").strip();
        boolean enabled = check.equals("on");
        if (!enabled && !check.equals("off")) {
            reporter.error(Messages.invalidColumnCheck(check));
            ok = false;
        }
        String namingText = options.getOrDefault(Options.NAMING, Naming.EXACT.optionValue()).strip();
        Optional<Naming> naming = Naming.ofOption(namingText);
        if (naming.isEmpty()) {
            reporter.error(Messages.invalidNaming(namingText));
            ok = false;
        }
        return ok ? new ColumnCheckOptions(enabled, naming.get()) : null;
    }
}
