package dev.viewmigrate.runtime.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff ({@code diff -u}) between two texts, as reviewers read it in a terminal or a pull request. */
public final class UnifiedDiff {
    private static final int CONTEXT_LINES = 3;

    private UnifiedDiff() {}

    /** The diff from {@code before} (labelled {@code beforeLabel}) to {@code after}; empty when they are equal. */
    public static String of(String beforeLabel, String before, String afterLabel, String after) {
        List<String> beforeLines = before.lines().toList();
        List<String> afterLines = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(beforeLines, afterLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(beforeLabel, afterLabel, beforeLines, patch,
                CONTEXT_LINES)) + "\n";
    }
}
