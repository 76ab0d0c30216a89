package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One diagnostics style: every message {@link Messages} builds is one paragraph that starts with its tag and ends a
 * sentence ({@code [Tag] what is wrong. why. what to do.}). Each method is called with sample arguments.
 */
class MessagesTest {
    /** Ends a sentence; or with the line to paste ({@code ...</arg>}), where a period would be pasted too. */
    private static final Pattern TAGGED = Pattern.compile("\\[[A-Z][A-Za-z]+\\] [^\\s].*[.)>]", Pattern.DOTALL);
    /** Sentences added to a tagged message, not messages of their own. */
    private static final Set<String> HINTS = Set.of("viewColumnCaseHint", "viewColumnNamingHint");

    @Test
    void everyMessage_isOneTaggedParagraph() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Method method : Messages.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.getReturnType() != String.class
                    || HINTS.contains(method.getName())) {
                continue;
            }
            Object[] arguments = new Object[method.getParameterCount()];
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                arguments[i] = types[i] == int.class ? 2 : types[i] == List.class ? List.of("a", "b")
                        : types[i] == Optional.class ? Optional.of("unexpected \",\" at line 2, column 28")
                        : method.getName().equals("generatedFileFailed") && i == 1 ? "java.io.IOException: x"
                        : method.getName().equals("viewColumnMissing") && i == types.length - 1
                                ? Messages.viewColumnCaseHint("name", "Name")
                        : "sample";
            }
            String message = (String) method.invoke(null, arguments);
            if (method.getName().equals("internalError")) {
                // The stack trace follows the paragraph, after "... with the stack trace:".
                message = message.substring(0, message.indexOf(":\n")) + ".";
            }
            if (!TAGGED.matcher(message).matches() || message.contains("\n")) {
                wrong.add(method.getName() + ": " + message);
            }
            checked.add(method.getName());
        }
        assertWithMessage("messages checked").that(checked.size()).isAtLeast(50);
        assertWithMessage("messages not in the form '[Tag] one paragraph.'").that(wrong).isEmpty();
    }
}
