package dev.viewmigrate.example.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough Markdown for the checks: fenced code blocks (with their language and the HTML comment right before
 * them), links outside code, and the anchors GitHub gives headings. Not a general parser: the docs are written by
 * us, in plain CommonMark.
 */
final class Markdown {
    private Markdown() {}

    /**
     * A fenced block. {@code line} is the 1-based line of the opening fence; {@code mark} the text of an
     * {@code <!-- ... -->} comment on the nearest non-blank line before the fence, or empty.
     */
    record CodeBlock(String language, int line, String code, String mark) {}

    /** A link target as written, with the line it is on. */
    record Link(String target, int line) {}

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--(.*)-->\\s*$");
    // [text](target) and ![alt](target); the text may hold one level of brackets ([`a`][b] style is not used).
    private static final Pattern LINK =
            Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    static List<CodeBlock> codeBlocks(String text) {
        List<CodeBlock> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            int start = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.length && !isClosingFence(lines[i], fence); i++) {
                code.append(lines[i]).append('\n');
            }
            blocks.add(new CodeBlock(open.group(2).toLowerCase(Locale.ROOT), start + 1, code.toString(),
                    markBefore(lines, start)));
        }
        return blocks;
    }

    private static boolean isClosingFence(String line, String fence) {
        String trimmed = line.strip();
        return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String markBefore(String[] lines, int fenceIndex) {
        for (int j = fenceIndex - 1; j >= 0; j--) {
            if (lines[j].isBlank()) {
                continue;
            }
            Matcher comment = COMMENT.matcher(lines[j]);
            return comment.matches() ? comment.group(1).strip() : "";
        }
        return "";
    }

    /** Links in the prose: not inside fenced blocks or inline code. */
    static List<Link> links(String text) {
        List<Link> links = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher fenceMatcher = FENCE.matcher(lines[i]);
            if (fence == null && fenceMatcher.matches()) {
                fence = fenceMatcher.group(1);
                continue;
            }
            if (fence != null) {
                if (isClosingFence(lines[i], fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(lines[i]).replaceAll("``"));
            while (link.find()) {
                links.add(new Link(link.group(1), i + 1));
            }
        }
        return links;
    }

    /** The anchors GitHub generates for the headings of a page (outside code blocks). */
    static List<String> anchors(String text) {
        List<String> anchors = new ArrayList<>();
        String fence = null;
        for (String line : text.split("\n", -1)) {
            Matcher fenceMatcher = FENCE.matcher(line);
            if (fence == null && fenceMatcher.matches()) {
                fence = fenceMatcher.group(1);
                continue;
            }
            if (fence != null) {
                if (isClosingFence(line, fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                // GitHub numbers repeated headings: foo, foo-1, foo-2, ...
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: lower case, punctuation dropped (but {@code -} and {@code _} kept), spaces to {@code -}. */
    static String slug(String heading) {
        String plain = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        StringBuilder slug = new StringBuilder();
        plain.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
