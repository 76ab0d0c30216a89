package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:upgrade [-Dviewmigrate.target=head|+N|REV]}: applies pending revisions. */
@Mojo(name = "upgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class UpgradeMojo extends AbstractViewMigrateMojo {
    /** head (default), +N or a revision id. */
    @Parameter(property = "viewmigrate.target", defaultValue = "head")
    String target;

    @Override
    List<String> verb() {
        List<String> verb = new ArrayList<>(List.of("upgrade", target));
        verb.addAll(targetArguments());
        return verb;
    }
}
