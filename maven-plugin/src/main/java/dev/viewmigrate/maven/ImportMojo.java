package dev.viewmigrate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn viewmigrate:import -Dviewmigrate.package=com.example.views}: writes one {@code @View} entity class per
 * view of the live database into the project's sources (default {@code src/main/java}).
 */
@Mojo(name = "import", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ImportMojo extends AbstractViewMigrateMojo {
    /** Required: the package of the classes written. */
    @Parameter(property = "viewmigrate.package")
    String packageName;

    /** Where the classes go (their package's directories are created under it). */
    @Parameter(property = "viewmigrate.out", defaultValue = "${project.basedir}/src/main/java")
    String out;

    /** Schemas to import (default: those of the connection's search_path). */
    @Parameter(property = "viewmigrate.schemas")
    List<String> schemas;

    /** Overwrite classes that exist already. */
    @Parameter(property = "viewmigrate.force", defaultValue = "false")
    boolean force;

    @Override
    List<String> verb() throws MojoFailureException {
        if (packageName == null || packageName.isBlank()) {
            throw new MojoFailureException("viewmigrate import: no package given. Pass -Dviewmigrate.package="
                    + "com.example.views (the package of the @View classes to write), or set <packageName> in the"
                    + " plugin's configuration.");
        }
        List<String> verb = new ArrayList<>(List.of("import", "--package", packageName, "--out", out));
        if (schemas != null) {
            for (String schema : schemas) {
                verb.add("--schema");
                verb.add(schema);
            }
        }
        if (force) {
            verb.add("--force");
        }
        return verb;
    }
}
