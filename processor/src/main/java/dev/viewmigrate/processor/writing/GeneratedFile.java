package dev.viewmigrate.processor.writing;

import java.util.List;
import javax.lang.model.element.Element;

/**
 * One output of the processor, rendered in memory before anything is written: a Java source (named by its qualified
 * type name) or a resource in the class output (named by its path). Rendering everything first means a failure while
 * generating (a bug, a library missing from the processor path) happens before the snapshot directory is touched.
 *
 * @param originatingElements the classes the file is derived from, for incremental builds
 */
public record GeneratedFile(Kind kind, String name, String content, List<Element> originatingElements) {
    public enum Kind { SOURCE, RESOURCE }

    public GeneratedFile {
        originatingElements = List.copyOf(originatingElements);
    }
}
