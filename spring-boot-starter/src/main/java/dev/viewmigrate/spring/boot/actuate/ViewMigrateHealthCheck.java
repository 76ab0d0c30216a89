package dev.viewmigrate.spring.boot.actuate;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.Status;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health indicator reports, without Boot's health types (they differ between Boot 3 and 4; the two
 * indicators only translate this).
 *
 * <p>UP with the current revision and the pending ones. History problems (an applied revision this code does not
 * know, as during a rolling deploy when the new version already upgraded) are details, not DOWN: the instance
 * still serves. With {@code viewmigrate.health.verify=true}, drift found by {@link ViewMigrator#verify()} is DOWN.
 */
final class ViewMigrateHealthCheck {
    private final ViewMigrator migrator;
    private final boolean verify;

    ViewMigrateHealthCheck(ViewMigrator migrator, boolean verify) {
        this.migrator = migrator;
        this.verify = verify;
    }

    Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        Status status = migrator.status();
        details.put("current", status.current().map(AppliedRevision::revision).orElse("base"));
        details.put("pending", status.pending().stream().map(Migration::revision).toList());
        if (!status.problems().isEmpty()) {
            details.put("problems", status.problems());
        }
        boolean up = true;
        if (verify) {
            VerifyReport report = migrator.verify();
            details.put("viewsChecked", report.viewsChecked());
            List<Map<String, String>> drift = report.findings().stream().map(ViewMigrateHealthCheck::finding).toList();
            details.put("drift", drift);
            up = report.clean();
        }
        return new Result(up, details);
    }

    private static Map<String, String> finding(VerifyReport.Finding finding) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("kind", finding.kind().name());
        finding.view().ifPresent(view -> map.put("view", view));
        map.put("message", finding.message());
        return map;
    }

    record Result(boolean up, Map<String, Object> details) {}
}
