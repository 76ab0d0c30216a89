package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:verify}: reports drift between the database and the applied revisions (fails the build on drift). */
@Mojo(name = "verify", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class VerifyMojo extends AbstractViewMigrateMojo {
    @Override
    List<String> verb() {
        List<String> verb = new ArrayList<>(List.of("verify"));
        verb.addAll(targetArguments());
        return verb;
    }
}
