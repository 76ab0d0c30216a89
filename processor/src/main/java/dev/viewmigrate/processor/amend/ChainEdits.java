package dev.viewmigrate.processor.amend;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.diff.ViewDiff;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.snapshot.SnapshotDirectory;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Two processor options that edit what this compile freezes, set from the command line for one compile:
 *
 * <ul>
 *   <li>{@code -Aviewmigrate.description=TEXT}: the description of the view revision this compile freezes (what
 *       {@code history} shows, and the revision file's name), instead of the generated "change view x".</li>
 *   <li>{@code -Aviewmigrate.amend=true}: replace the newest revision instead of freezing one on top of it. The views
 *       are diffed against the revision before the newest, and the result is written under the newest revision's
 *       number (or, when nothing differs any more, the newest revision is deleted). For a revision whose SQL was
 *       wrong and that no database applied.</li>
 * </ul>
 *
 * <p>Nothing in a compile can know whether some database applied a revision. The user asserts it by passing the
 * option; two checks catch the usual mistakes: a revision file that git has committed is refused (another clone or a
 * deployment may have it; {@code amend=force} overrides), and a database that did apply the old revision refuses to
 * migrate with the new one (its history holds the old checksum), so an amend is never applied silently.
 */
public final class ChainEdits {
    public static final String DESCRIPTION = "viewmigrate.description";
    public static final String AMEND = "viewmigrate.amend";
    public static final Set<String> OPTIONS = Set.of(DESCRIPTION, AMEND);

    private final Optional<String> description;
    private final boolean amend;
    private final boolean force;

    private ChainEdits(Optional<String> description, boolean amend, boolean force) {
        this.description = description;
        this.amend = amend;
        this.force = force;
    }

    /** The options, or null after reporting an invalid value. {@code check}: the compile never writes. */
    public static ChainEdits parse(Map<String, String> options, boolean check, Reporter reporter) {
        return parse(options, check, System::getProperty, reporter);
    }

    /**
     * The same, with {@code systemProperty} looking up the compiler JVM's system properties. {@code mvn compile
     * -Dviewmigrate.amend=true} sets a system property of Maven's JVM (where javac runs by default), which reaches the
     * processor only when the pom passes it on through {@code compilerArgs}. When it is set but the option is not, the
     * user asked for an amend (or a description) the processor would not see: refuse, rather than freeze a revision on
     * top of the one the user meant to replace.
     */
    static ChainEdits parse(Map<String, String> options, boolean check, Function<String, String> systemProperty,
            Reporter reporter) {
        for (String option : List.of(AMEND, DESCRIPTION)) {
            String property = systemProperty.apply(option);
            if (!options.containsKey(option) && property != null && !property.isBlank()
                    && !property.strip().equals("false")) {
                reporter.error(Messages.optionOnlyAsSystemProperty(option, property.strip()), Reporter.At.COMPILE);
                return null;
            }
        }
        // "-Aviewmigrate.description=" (an empty Maven property) arrives as a null value, not as "".
        String text = Objects.requireNonNullElse(options.get(DESCRIPTION), "");
        // One line: it is a history column, a file name, a Java string constant.
        Optional<String> description = text.isBlank() ? Optional.empty()
                : Optional.of(text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
        String amendText = Objects.requireNonNullElse(options.get(AMEND), "false").strip();
        boolean amend;
        boolean force = false;
        switch (amendText) {
            case "", "false" -> amend = false;
            case "true" -> amend = true;
            case "force" -> {
                amend = true;
                force = true;
            }
            default -> {
                reporter.error(Messages.amendOptionInvalid(AMEND, amendText), Reporter.At.COMPILE);
                return null;
            }
        }
        if (amend && check) {
            reporter.error(Messages.amendInCheckMode(AMEND), Reporter.At.COMPILE);
            return null;
        }
        return new ChainEdits(description, amend, force);
    }

    /**
     * What this compile diffs against and appends to: the whole chain, or, when amending, the chain without its
     * newest revision. Null after reporting why the newest revision cannot be amended.
     */
    public Base base(List<Revision> chain, SnapshotDirectory directory, Reporter reporter) {
        if (!amend || chain.isEmpty()) {
            if (amend) {
                reporter.note(Messages.amendNothingYet(AMEND), Reporter.At.COMPILE);
            }
            return new Base(chain, FrozenState.of(chain), Optional.empty(), description, directory);
        }
        Revision newest = chain.get(chain.size() - 1);
        Path file = directory.path().resolve(newest.fileName());
        if (newest.isHandWritten()) {
            reporter.error(Messages.amendHandWritten(newest.number(), file.toString(),
                    newest.handWritten().get(0).className(), AMEND), Reporter.At.COMPILE);
            return null;
        }
        if (!force && committed(file)) {
            reporter.error(Messages.amendCommitted(newest.number(), file.toString(), AMEND), Reporter.At.COMPILE);
            return null;
        }
        List<Revision> kept = List.copyOf(chain.subList(0, chain.size() - 1));
        FrozenState before = FrozenState.of(kept);
        // A description someone gave the amended revision says what it is for, which a fix does not change; a
        // generated one only lists the views it touched, which the fix may change.
        String generated = ViewDiff.between(before.views(), FrozenState.of(chain).views()).description();
        Optional<String> carried = description.isPresent() || newest.description().equals(generated) ? description
                : Optional.of(newest.description());
        return new Base(kept, before, Optional.of(newest), carried, directory);
    }

    /** Whether a description was given (to say it was not used when nothing was frozen). */
    public Optional<String> description() {
        return description;
    }

    /** Whether git's history has the file: {@code git log -1 -- FILE} prints a commit. Unknown (no git): false. */
    static boolean committed(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        try {
            Process git = new ProcessBuilder("git", "log", "-1", "--format=%H", "--", file.getFileName().toString())
                    .directory(dir.toFile()).redirectErrorStream(false).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(20, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return false;
            }
            return git.exitValue() == 0 && !out.isEmpty();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The chain this compile builds on.
     *
     * @param revisions the revisions kept (all, or all but the amended one)
     * @param state     what they add up to: the views are diffed against it
     * @param amended   the revision being replaced
     * @param description the description of the view revision this compile freezes, when it is not generated
     */
    public record Base(List<Revision> revisions, FrozenState state, Optional<Revision> amended,
            Optional<String> description, SnapshotDirectory directory) {

        /**
         * The revision with the user's description, when one was given; when amending without one, the amended
         * revision's own description if someone gave it one.
         */
        public Revision describe(Revision revision) {
            return description.map(text -> new Revision(revision.number(), revision.parent(), text,
                    SnapshotFormat.fileName(revision.number(), text), revision.views(), revision.removed(),
                    revision.handWritten(), revision.dialect())).orElse(revision);
        }

        /**
         * Writes the revisions this compile froze. When amending, the replaced revision's file goes first (and comes
         * back if writing the new one fails); when the amend leaves nothing to freeze, it is only deleted. Returns
         * null on success, else the error message. Reports what happened as notes.
         */
        public String write(List<Revision> added, Reporter reporter) {
            if (amended.isEmpty()) {
                return added.isEmpty() ? null : directory.append(added);
            }
            Revision old = amended.get();
            Path oldFile = directory.path().resolve(old.fileName());
            String oldText;
            try {
                oldText = Files.readString(oldFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Messages.amendFileFailed("read", oldFile.toString(), e.toString());
            }
            if (added.size() == 1 && added.get(0).fileName().equals(old.fileName())
                    && (SnapshotFormat.fileText(added.get(0)).equals(oldText)
                            || SnapshotFormat.write(added.get(0)).equals(oldText))) {
                reporter.note(Messages.amendNothingToDo(old.number(), oldFile.toString()), Reporter.At.COMPILE);
                return null;
            }
            try {
                Files.delete(oldFile);
            } catch (IOException e) {
                return Messages.amendFileFailed("delete", oldFile.toString(), e.toString());
            }
            String failure = added.isEmpty() ? null : directory.append(added);
            if (failure != null) {
                try {
                    Files.writeString(oldFile, oldText, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return failure + " Restoring " + oldFile + " failed too (" + e + "); its text was:\n" + oldText;
                }
                return failure;
            }
            List<String> now = new ArrayList<>();
            added.forEach(revision -> now.add(directory.path().resolve(revision.fileName()).toString()));
            reporter.note(Messages.amended(old.number(), oldFile.toString(), now), Reporter.At.COMPILE);
            return null;
        }
    }
}
