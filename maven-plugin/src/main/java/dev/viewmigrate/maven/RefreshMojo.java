package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn viewmigrate:refresh [-Dviewmigrate.views=a,b] [-Dviewmigrate.concurrently]
 * [-Dviewmigrate.concurrentlyWherePossible] [-Dviewmigrate.cascade]}.
 */
@Mojo(name = "refresh", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RefreshMojo extends AbstractViewMigrateMojo {
    /** The materialized views to refresh (schema.name or name); default: every managed one. */
    @Parameter(property = "viewmigrate.views")
    List<String> views;

    /** REFRESH MATERIALIZED VIEW CONCURRENTLY (each view needs a unique index). */
    @Parameter(property = "viewmigrate.concurrently", defaultValue = "false")
    boolean concurrently;

    /** CONCURRENTLY where the view allows it, a plain refresh (named with the reason) where not. */
    @Parameter(property = "viewmigrate.concurrentlyWherePossible", defaultValue = "false")
    boolean concurrentlyWherePossible;

    /** Also refresh the managed materialized views that read the views named (which may be plain views). */
    @Parameter(property = "viewmigrate.cascade", defaultValue = "false")
    boolean cascade;

    @Override
    List<String> verb() {
        List<String> verb = new ArrayList<>(List.of("refresh"));
        if (concurrently) {
            verb.add("--concurrently");
        }
        if (concurrentlyWherePossible) {
            verb.add("--concurrently-where-possible");
        }
        if (cascade) {
            verb.add("--cascade");
        }
        if (views != null) {
            views.stream().map(String::strip).filter(view -> !view.isEmpty()).forEach(verb::add);
        }
        verb.addAll(targetArguments());
        return verb;
    }
}
