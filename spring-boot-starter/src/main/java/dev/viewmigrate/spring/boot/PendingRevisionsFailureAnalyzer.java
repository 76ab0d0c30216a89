package dev.viewmigrate.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports {@code viewmigrate.on-startup=validate} finding unapplied revisions as one clear start-up failure. */
final class PendingRevisionsFailureAnalyzer extends AbstractFailureAnalyzer<PendingRevisionsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PendingRevisionsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Apply the pending revisions ('viewmigrate upgrade') before"
                + " starting the application, or set viewmigrate.on-startup=upgrade.", cause);
    }
}
