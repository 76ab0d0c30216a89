package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:status}: shows the current revision and the pending revisions. */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StatusMojo extends AbstractViewMigrateMojo {
    @Override
    List<String> verb() {
        List<String> verb = new ArrayList<>(List.of("status"));
        verb.addAll(targetArguments());
        return verb;
    }
}
