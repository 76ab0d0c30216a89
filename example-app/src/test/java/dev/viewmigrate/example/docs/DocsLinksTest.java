package dev.viewmigrate.example.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Relative links in {@code README.md} and {@code docs/*.md} lead somewhere, and the docs index lists every page. */
class DocsLinksTest {

    @Test
    void everyRelativeLinkPointsToAnExistingFileAndHeading() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (DocPages.Page page : DocPages.all()) {
            for (Markdown.Link link : Markdown.links(page.text())) {
                String target = link.target();
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: ... are not files of this repository
                }
                checked++;
                String where = page.name() + ":" + link.line() + " links to '" + target + "'";
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? "" : target.substring(hash + 1);
                Path file = path.isEmpty() ? page.file() : page.file().getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(where + ", but " + DocPages.repositoryRoot().relativize(file) + " does not exist");
                } else if (!anchor.isEmpty() && file.toString().endsWith(".md")
                        && !Markdown.anchors(DocPages.read(file).text()).contains(anchor)) {
                    broken.add(where + ", but " + DocPages.repositoryRoot().relativize(file)
                            + " has no heading with the anchor #" + anchor);
                }
            }
        }
        assertTrue(checked > 0, "no relative links found in the docs: is the repository root right?");
        assertTrue(broken.isEmpty(), "Broken links (fix the link or the heading):\n  " + String.join("\n  ", broken));
    }

    @Test
    void docsIndexListsEveryPage() {
        Path index = DocPages.repositoryRoot().resolve("docs/README.md");
        Set<String> linked = new TreeSet<>();
        for (Markdown.Link link : Markdown.links(DocPages.read(index).text())) {
            linked.add(link.target().replaceFirst("#.*", ""));
        }
        Set<String> missing = new TreeSet<>();
        for (Path page : DocPages.docsPages()) {
            String name = page.getFileName().toString();
            if (!name.equals("README.md") && !linked.contains(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "docs/README.md (the index) does not list " + missing
                + "; add a row '| [page.md](page.md) | what it covers |' for each.");
    }
}
