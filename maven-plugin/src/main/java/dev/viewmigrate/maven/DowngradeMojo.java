package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:downgrade -Dviewmigrate.target=-1|REV|base}: rolls back applied revisions. */
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DowngradeMojo extends AbstractViewMigrateMojo {
    /** Required: -N (N revisions back), a revision id (stays applied) or base. */
    @Parameter(property = "viewmigrate.target")
    String target;

    @Override
    List<String> verb() throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("viewmigrate downgrade: no target given, and a downgrade never guesses"
                    + " one. Pass -Dviewmigrate.target=-1 (one revision back), a revision id (it stays applied) or"
                    + " base (everything), or set <target> in the plugin's configuration.");
        }
        List<String> verb = new ArrayList<>(List.of("downgrade", target));
        verb.addAll(targetArguments());
        return verb;
    }
}
