package dev.viewmigrate.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The application's classes named by {@code --classpath PATH}, as URLs a class loader can read.
 *
 * <p>PATH is separated by the platform's path separator ({@code :} or {@code ;}) and takes what {@code java -cp}
 * takes (directories, jars, {@code DIR/*} for every jar in DIR) plus Spring Boot executable jars and wars, whose
 * {@code BOOT-INF/classes} + {@code BOOT-INF/lib/*.jar} (or {@code WEB-INF/...}) hold the application. A plain
 * {@link java.net.URLClassLoader} cannot read a jar nested in a jar, so those entries are extracted into one
 * temporary directory, deleted by {@link #close()} (the CLI closes it before it exits).
 */
final class ApplicationClasspath implements AutoCloseable {
    private final List<URL> urls = new ArrayList<>();
    private final List<String> bootJars = new ArrayList<>();
    private Path extracted;

    private ApplicationClasspath() {}

    /** Resolves PATH; throws {@link ClasspathException} naming the entry at fault. */
    static ApplicationClasspath resolve(String path) {
        ApplicationClasspath classpath = new ApplicationClasspath();
        try {
            for (String entry : path.split(File.pathSeparator, -1)) {
                if (!entry.isBlank()) {
                    classpath.add(entry.strip());
                }
            }
            if (classpath.urls.isEmpty()) {
                throw new ClasspathException("--classpath is empty. Give the application's compiled classes: a"
                        + " directory (e.g. target/classes), a jar, DIR/* for every jar in DIR, or the Spring Boot"
                        + " executable jar, separated by '" + File.pathSeparator + "'.");
            }
            return classpath;
        } catch (RuntimeException e) {
            classpath.close();
            throw e;
        }
    }

    List<URL> urls() {
        return List.copyOf(urls);
    }

    /** The Spring Boot jars that were unpacked (for --verbose). */
    List<String> bootJars() {
        return List.copyOf(bootJars);
    }

    private void add(String entry) {
        if (entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
            Path dir = Path.of(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
            if (!Files.isDirectory(dir)) {
                throw new ClasspathException("--classpath entry '" + entry + "' names the jars of directory '" + dir
                        + "', which does not exist. Fix the path (relative paths start from the current directory, "
                        + Path.of("").toAbsolutePath() + ").");
            }
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path file : stream) {
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (Files.isRegularFile(file) && name.endsWith(".jar")) {
                        jars.add(file);
                    }
                }
            } catch (IOException e) {
                throw new ClasspathException("--classpath entry '" + entry + "': cannot list directory '" + dir
                        + "' (" + e.getMessage() + "). Check its permissions.");
            }
            // java -cp leaves the order of a wildcard unspecified; sorted, runs are repeatable.
            jars.sort(null);
            for (Path jar : jars) {
                addFile(jar, entry);
            }
            return;
        }
        Path file = Path.of(entry);
        if (Files.isDirectory(file)) {
            urls.add(url(file));
        } else if (Files.isRegularFile(file)) {
            addFile(file, entry);
        } else {
            throw new ClasspathException("--classpath entry '" + entry + "' does not exist. Give the application's"
                    + " compiled classes: a directory (e.g. target/classes), a jar, DIR/* for every jar in DIR, or the"
                    + " Spring Boot executable jar (relative paths start from the current directory, "
                    + Path.of("").toAbsolutePath() + ").");
        }
    }

    private void addFile(Path file, String entry) {
        try (JarFile jar = new JarFile(file.toFile())) {
            String root = bootRoot(jar);
            if (root == null) {
                urls.add(url(file));
            } else {
                unpackBoot(jar, root, file);
            }
        } catch (IOException e) {
            throw new ClasspathException("--classpath entry '" + entry + "': '" + file + "' is not a readable jar ("
                    + e.getMessage() + "). Give directories, jars, DIR/* or a Spring Boot executable jar.");
        }
    }

    /** {@code BOOT-INF/} for a Boot jar, {@code WEB-INF/} for a Boot war, null for a plain jar. */
    private static String bootRoot(JarFile jar) {
        if (jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null) {
            return "BOOT-INF/";
        }
        if (jar.getEntry("WEB-INF/classes/") != null || jar.getEntry("WEB-INF/lib/") != null) {
            return "WEB-INF/";
        }
        return null;
    }

    private void unpackBoot(JarFile jar, String root, Path file) throws IOException {
        if (extracted == null) {
            extracted = Files.createTempDirectory("viewmigrate-cli-");
        }
        Path target = extracted.resolve(String.valueOf(bootJars.size()));
        Path classes = target.resolve("classes");
        Files.createDirectories(classes);
        List<Path> libs = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(root)) {
                continue;
            }
            String rest = name.substring(root.length());
            Path destination;
            if (rest.startsWith("classes/")) {
                destination = classes.resolve(rest.substring("classes/".length())).normalize();
            } else if ((rest.startsWith("lib/") || rest.startsWith("lib-provided/")) && rest.endsWith(".jar")
                    && rest.indexOf('/', rest.indexOf('/') + 1) < 0) {
                destination = target.resolve(rest).normalize();
                libs.add(destination);
            } else {
                continue;
            }
            if (!destination.startsWith(target)) {
                // A crafted entry name ("../..") must not write outside the temporary directory.
                throw new IOException("entry '" + name + "' points outside the jar");
            }
            Files.createDirectories(destination.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        bootJars.add(file.toString());
        urls.add(url(classes));
        libs.sort(null);
        for (Path lib : libs) {
            urls.add(url(lib));
        }
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes what was extracted. Safe to call twice. */
    @Override
    public void close() {
        if (extracted == null) {
            return;
        }
        try {
            Files.walkFileTree(extracted, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Not worth failing the command for: the directory is in the system's temporary directory.
        }
        extracted = null;
    }

    /** A PATH that cannot be used; the message is the one paragraph the user reads. */
    static final class ClasspathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClasspathException(String message) {
            super(message);
        }
    }
}
