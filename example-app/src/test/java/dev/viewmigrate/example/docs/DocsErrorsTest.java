package dev.viewmigrate.example.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message a user can get is explained in {@code docs/troubleshooting.md}: each processor diagnostic tag and
 * each runtime error code. The lists come from the sources in this repository (so a message added by another module
 * a minute ago counts) and, for the error codes, also from the runtime on this module's classpath.
 */
class DocsErrorsTest {
    private static final Path MESSAGES = Path.of("processor/src/main/java/dev/viewmigrate/processor/Messages.java");
    private static final Path EXCEPTION =
            Path.of("runtime/src/main/java/dev/viewmigrate/runtime/ViewMigrateException.java");

    // A tag opens a message string: "[ViewDuplicateName] ...".
    private static final Pattern TAG = Pattern.compile("\"\\[([A-Z][A-Za-z]+)\\]");
    private static final Pattern ENUM_BODY = Pattern.compile("enum\\s+ErrorCode\\s*\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern CONSTANT = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*[,;]?\\s*$", Pattern.MULTILINE);

    @Test
    void everyProcessorTagIsInTroubleshooting() throws IOException {
        Set<String> tags = processorTags();
        assertTrue(tags.size() >= 20, "only " + tags + " found in " + MESSAGES + ": did the message format change?");
        String page = troubleshooting();
        Set<String> missing = new TreeSet<>();
        for (String tag : tags) {
            if (!page.contains("[" + tag + "]")) {
                missing.add("[" + tag + "]");
            }
        }
        assertTrue(missing.isEmpty(), "docs/troubleshooting.md does not explain the processor messages " + missing
                + " (from " + MESSAGES + "). Add each, with its cause and fix.");
    }

    @Test
    void everyRuntimeErrorCodeIsInTroubleshooting() throws IOException {
        Set<String> codes = runtimeErrorCodes();
        String page = troubleshooting();
        Set<String> missing = new TreeSet<>();
        for (String code : codes) {
            if (!Pattern.compile("\\b" + code + "\\b").matcher(page).find()) {
                missing.add(code);
            }
        }
        assertTrue(missing.isEmpty(), "docs/troubleshooting.md does not explain the runtime error codes " + missing
                + " (ViewMigrateException.ErrorCode). Add each, with an example message, its cause and fix.");
    }

    /** The tags in Messages.java: every string constant that starts with "[Tag]". */
    static Set<String> processorTags() throws IOException {
        String source = Files.readString(DocPages.repositoryRoot().resolve(MESSAGES), UTF_8);
        Set<String> tags = new TreeSet<>();
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        return tags;
    }

    /** The constants of ErrorCode, in the source and in the runtime jar this module is built against. */
    static Set<String> runtimeErrorCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        Arrays.stream(ViewMigrateException.ErrorCode.values()).map(Enum::name).forEach(codes::add);
        String source = Files.readString(DocPages.repositoryRoot().resolve(EXCEPTION), UTF_8)
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher body = ENUM_BODY.matcher(source);
        assertTrue(body.find(), "no 'enum ErrorCode { ... }' in " + EXCEPTION);
        Matcher constant = CONSTANT.matcher(body.group(1));
        while (constant.find()) {
            codes.add(constant.group(1));
        }
        assertFalse(codes.isEmpty(), "no error codes found");
        return codes;
    }

    private static String troubleshooting() {
        return DocPages.read(DocPages.repositoryRoot().resolve("docs/troubleshooting.md")).text();
    }
}
