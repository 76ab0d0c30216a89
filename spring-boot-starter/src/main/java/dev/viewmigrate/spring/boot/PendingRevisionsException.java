package dev.viewmigrate.spring.boot;

import java.util.List;

/**
 * {@code viewmigrate.on-startup=validate} found revisions that are not applied yet. The message names them and says
 * how to apply them.
 */
public class PendingRevisionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> pending;

    public PendingRevisionsException(String current, String target, List<String> pending) {
        super("The database views are at revision " + current + " but the application expects revision "
                + ("head".equals(target) ? "head" : target) + ": " + pending.size() + " revision"
                + (pending.size() == 1 ? " is" : "s are") + " not applied: " + String.join(", ", pending)
                + ". viewmigrate.on-startup=validate never changes the database: apply them first with"
                + " 'viewmigrate upgrade " + target + "' (or the Maven plugin's viewmigrate:upgrade) in the deploy"
                + " job, or set viewmigrate.on-startup=upgrade to apply them when the application starts.");
        this.pending = List.copyOf(pending);
    }

    /** The pending revisions, each as "id (description)". */
    public List<String> pending() {
        return pending;
    }
}
