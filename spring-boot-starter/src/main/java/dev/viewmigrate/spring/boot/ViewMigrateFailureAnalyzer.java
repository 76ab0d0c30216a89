package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.ViewMigrateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failed by viewmigrate into Boot's "APPLICATION FAILED TO START" report: the runtime's
 * one-paragraph message as the description (once, not wrapped in every bean that waited for the upgrade) and what
 * to do as the action. Boot then prints no stack trace for it.
 */
final class ViewMigrateFailureAnalyzer extends AbstractFailureAnalyzer<ViewMigrateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ViewMigrateException cause) {
        return new FailureAnalysis("viewmigrate could not bring the database views to the application's revision ["
                + cause.code() + "]: " + cause.getMessage(), action(cause.code()), cause);
    }

    static String action(ViewMigrateException.ErrorCode code) {
        String specific = switch (code) {
            case CONNECTION_FAILED -> "Check the database settings viewmigrate uses: viewmigrate.url, viewmigrate.user"
                    + " and viewmigrate.password when viewmigrate.url is set, else the application's DataSource"
                    + " (spring.datasource.*).";
            case CATALOG_NOT_FOUND -> "Compile the application with viewmigrate-processor in the compiler plugin's"
                    + " annotationProcessorPaths (docs/spring-boot.md, \"Set it up\"), or remove the starter.";
            case LOCK_TIMEOUT -> "Another instance is upgrading the views, or other sessions hold locks on the"
                    + " views (the description names them): wait for them, or raise viewmigrate.lock-timeout"
                    + " (another instance's run) or viewmigrate.ddl-lock-timeout/viewmigrate.ddl-lock-retries"
                    + " (table locks).";
            case INVALID_TARGET -> "Set viewmigrate.target to head, +N or a revision id of the chain.";
            default -> "Do what the description says, then start the application again.";
        };
        return specific + " To start without viewmigrate (e.g. in a test that builds its schema another way), set"
                + " viewmigrate.enabled=false.";
    }
}
