package dev.viewmigrate.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn viewmigrate:history}: lists the chain of revisions with when each was applied. */
@Mojo(name = "history", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HistoryMojo extends AbstractViewMigrateMojo {
    @Override
    List<String> verb() {
        return List.of("history");
    }
}
