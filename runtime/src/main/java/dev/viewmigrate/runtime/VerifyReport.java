package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ViewMigrator#verify()} found: every way the live database differs from what the applied revisions say
 * it holds. {@link #clean()} when there is nothing.
 *
 * @param revision     the newest applied revision the database was compared with; empty at base
 * @param viewsChecked how many views the applied revisions define (and were compared); 0 when the history disagrees
 *                     with the code so much that the expected views are unknown (see the
 *                     {@link Kind#UNKNOWN_REVISION} findings)
 * @param findings     one entry per difference, sorted by view name then kind; history findings come first
 */
public record VerifyReport(Optional<String> revision, int viewsChecked, List<Finding> findings) {
    public VerifyReport {
        Objects.requireNonNull(revision, "revision");
        findings = List.copyOf(findings);
    }

    /** Nothing drifted: the database holds exactly what the applied revisions say. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * One difference between the database and the applied revisions.
     *
     * @param kind    what kind of difference
     * @param view    the view concerned (qualified name as the revisions write it); empty for history findings
     * @param message one paragraph: what differs, why it matters, what to do
     * @param diff    for {@link Kind#DEFINITION_CHANGED}: a unified diff from the frozen definition to the live one,
     *                both as PostgreSQL prints them ({@code pg_get_viewdef}); empty for the other kinds
     */
    public record Finding(Kind kind, Optional<String> view, String message, Optional<String> diff) {
        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(diff, "diff");
        }
    }

    /** The kinds of drift {@code verify} reports. */
    public enum Kind {
        /** An applied revision's frozen content changed since it was applied (the history's checksum differs). */
        CHECKSUM_MISMATCH,
        /** An applied revision is not in the code, or the applied order is not the start of the chain. */
        UNKNOWN_REVISION,
        /** A view the applied revisions define does not exist. */
        MISSING_VIEW,
        /**
         * A view exists that the applied revisions do not define but the chain names: removed by an applied revision,
         * or to be created by a pending one (upgrade would then fail).
         */
        UNEXPECTED_VIEW,
        /** Materialized where a plain view is expected, or the other way round (or a table of that name). */
        WRONG_KIND,
        /** The live definition differs from the frozen one, as PostgreSQL normalises both. */
        DEFINITION_CHANGED,
        /** The frozen definition no longer compiles against this database (e.g. a column it reads was dropped). */
        DEFINITION_FAILS,
        /** A declared option ({@code @View(options)}) is missing from the live view or has another value. */
        OPTIONS_CHANGED,
        /** The live view's comment differs from the declared one ({@code @View(comment)}). */
        COMMENT_CHANGED,
        /** A declared index of a materialized view does not exist. */
        MISSING_INDEX,
        /** A declared index exists under its name but with other columns, uniqueness, method or a WHERE clause. */
        CHANGED_INDEX,
        /** An index on a managed materialized view that no revision declares (lost when the view is recreated). */
        EXTRA_INDEX
    }
}
