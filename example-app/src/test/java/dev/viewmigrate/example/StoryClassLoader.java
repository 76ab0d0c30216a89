package dev.viewmigrate.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Loads the classes of one compile of the story (entities, hand-written migration, generated migrations and
 * catalog) in preference to the same-named classes of this module, which are on the test classpath too. Its
 * {@code META-INF/services} files for viewmigrate come only from that compile: the runtime must find exactly the
 * story's catalog, not also the real app's.
 */
final class StoryClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    StoryClassLoader(Path classes) {
        super(new URL[] {url(classes)}, StoryClassLoader.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInThisCompile) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/dev.viewmigrate.") ? findResources(name) : super.getResources(name);
    }

    private static URL url(Path classes) {
        try {
            return classes.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
