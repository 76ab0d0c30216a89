package dev.viewmigrate.maven;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn viewmigrate:sql [-Dviewmigrate.direction=upgrade|downgrade] [-Dviewmigrate.target=[FROM:]TARGET]}:
 * writes the SQL script of an upgrade or downgrade to a file, never connecting to a database.
 */
@Mojo(name = "sql", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class SqlMojo extends AbstractViewMigrateMojo {
    /** upgrade (default) or downgrade. */
    @Parameter(property = "viewmigrate.direction", defaultValue = "upgrade")
    String direction;

    /** [FROM:]TARGET as for the sql verb; default head for an upgrade; required for a downgrade. */
    @Parameter(property = "viewmigrate.target")
    String target;

    /** Where the script is written. */
    @Parameter(property = "viewmigrate.sqlFile", defaultValue = "${project.build.directory}/viewmigrate/migration.sql")
    File sqlFile;

    @Override
    List<String> verb() throws MojoFailureException {
        if (!direction.equals("upgrade") && !direction.equals("downgrade")) {
            throw new MojoFailureException("viewmigrate sql: direction '" + direction + "' is neither upgrade nor"
                    + " downgrade. Pass -Dviewmigrate.direction=upgrade or -Dviewmigrate.direction=downgrade.");
        }
        if (target == null || target.isBlank()) {
            if (direction.equals("downgrade")) {
                throw new MojoFailureException("viewmigrate sql downgrade: no target given. Pass"
                        + " -Dviewmigrate.target=-1 (one revision back from head), a revision id, base, or FROM:TARGET"
                        + " such as 3:1.");
            }
            return List.of("sql", direction);
        }
        return List.of("sql", direction, target);
    }

    @Override
    OutputStream output() throws MojoExecutionException {
        try {
            File parent = sqlFile.getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create directory " + parent);
            }
            getLog().info("viewmigrate: writing the " + direction + " script to " + sqlFile);
            return new FileOutputStream(sqlFile);
        } catch (IOException e) {
            throw new MojoExecutionException("viewmigrate sql: cannot write " + sqlFile + ": " + e.getMessage()
                    + ". Choose another file with -Dviewmigrate.sqlFile=PATH.", e);
        }
    }
}
