package dev.viewmigrate.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:current}: prints the database's current revision. */
@Mojo(name = "current", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CurrentMojo extends AbstractViewMigrateMojo {
    @Override
    List<String> verb() {
        return List.of("current");
    }
}
