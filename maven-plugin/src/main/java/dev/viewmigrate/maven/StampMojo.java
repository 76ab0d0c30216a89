package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn viewmigrate:stamp -Dviewmigrate.target=head|REV|base [-Dviewmigrate.force]}: records a revision as applied
 * without running anything, after checking that the live views equal its frozen state (adopting a database).
 */
@Mojo(name = "stamp", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StampMojo extends AbstractViewMigrateMojo {
    /** Required: head, a revision id, or base. */
    @Parameter(property = "viewmigrate.target")
    String target;

    /** Skip the check that the live views equal the revision's frozen state (and say so). */
    @Parameter(property = "viewmigrate.force", defaultValue = "false")
    boolean force;

    @Override
    List<String> verb() throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("viewmigrate stamp: no target given, and a stamp never guesses one. Pass"
                    + " -Dviewmigrate.target=head (the newest revision), a revision id or base, or set <target> in the"
                    + " plugin's configuration.");
        }
        List<String> verb = new ArrayList<>(List.of("stamp", target));
        if (force) {
            verb.add("--force");
        }
        return verb;
    }
}
