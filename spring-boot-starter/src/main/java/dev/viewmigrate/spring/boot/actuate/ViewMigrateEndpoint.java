package dev.viewmigrate.spring.boot.actuate;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.Status;
import dev.viewmigrate.runtime.ViewMigrator;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code viewmigrate} Actuator endpoint ({@code GET /actuator/viewmigrate}): the current revision, the applied
 * revisions (the history table) and the pending ones, plus why upgrade would refuse to run, if it would. Reads the
 * history table only; never changes the database.
 */
@Endpoint(id = "viewmigrate")
public class ViewMigrateEndpoint {
    private final ViewMigrator migrator;

    public ViewMigrateEndpoint(ViewMigrator migrator) {
        this.migrator = migrator;
    }

    @ReadOperation
    public ViewMigrateDescriptor viewmigrate() {
        Status status = migrator.status();
        return new ViewMigrateDescriptor(
                status.current().map(AppliedRevision::revision).orElse("base"),
                status.applied().stream().map(AppliedRevisionDescriptor::of).toList(),
                status.pending().stream().map(PendingRevisionDescriptor::of).toList(),
                status.problems());
    }

    /**
     * The endpoint's answer.
     *
     * @param current  the newest applied revision, {@code base} when none is
     * @param history  the applied revisions, oldest first
     * @param pending  the revisions upgrade would apply, in order
     * @param problems why upgrade would refuse to run (checksum mismatches, unknown applied revisions); empty when
     *                 the database agrees with the code
     */
    public record ViewMigrateDescriptor(
            String current, List<AppliedRevisionDescriptor> history, List<PendingRevisionDescriptor> pending,
            List<String> problems) {}

    /** One applied revision; {@code appliedAt} is ISO-8601 text, so that every JSON mapper writes it alike. */
    public record AppliedRevisionDescriptor(
            int rank, String revision, String description, int checksum, String appliedAt, String appliedBy,
            long executionMillis) {
        static AppliedRevisionDescriptor of(AppliedRevision r) {
            return new AppliedRevisionDescriptor(r.rank(), r.revision(), r.description(), r.checksum(),
                    r.appliedAt() == null ? null : r.appliedAt().toString(), r.appliedBy(), r.executionMillis());
        }
    }

    /** One revision not applied yet. */
    public record PendingRevisionDescriptor(String revision, String description, int checksum) {
        static PendingRevisionDescriptor of(Migration m) {
            return new PendingRevisionDescriptor(m.revision(), m.description(), m.checksum());
        }
    }
}
