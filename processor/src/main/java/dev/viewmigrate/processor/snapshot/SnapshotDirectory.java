package dev.viewmigrate.processor.snapshot;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed directory of revision files. Reading validates the whole chain (every file parses, revisions are
 * numbered 1..n, each names its predecessor as parent, no two claim the same parent). Appending writes temp files
 * first and moves them into place only when all are written, so an error never leaves a half-written revision.
 */
public final class SnapshotDirectory {
    /**
     * The first line of a conflict git wrote into a file ({@code <<<<<<< HEAD}). A file the processor wrote never
     * has one: its lines start with a key, a comment, {@code -} or indentation.
     */
    private static final Pattern CONFLICT_MARKER = Pattern.compile("^<<<<<<<(?: |\\r?$)", Pattern.MULTILINE);

    private final Path directory;

    public SnapshotDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /** The result of reading the directory: the chain (oldest first) or the problems found. */
    public record Chain(List<Revision> revisions, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Chain read() {
        List<String> errors = new ArrayList<>();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            return new Chain(List.of(), List.of(Messages.snapshotsNotDirectory(directory.toString())));
        }
        if (!Files.isDirectory(directory)) {
            return new Chain(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.sorted().toList();
        } catch (IOException e) {
            return new Chain(List.of(), List.of(Messages.snapshotUnreadable(directory.toString(), e.toString())));
        }
        // By parent: the revisions that claim it (more than one = two branches froze "the next" revision).
        Map<Integer, List<Revision>> byParent = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith(".") || Files.isDirectory(file)) {
                continue; // editor and VCS files, leftovers of an interrupted write (".tmp" files start with ".")
            }
            Matcher matcher = SnapshotFormat.FILE_NAME.matcher(name);
            if (!matcher.matches()) {
                if (name.endsWith(SnapshotFormat.EXTENSION)) {
                    errors.add(Messages.snapshotStrayFile(display(file)));
                }
                continue; // READMEs and the like are allowed next to the revisions
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                errors.add(Messages.snapshotUnreadable(display(file), e.toString()));
                continue;
            }
            if (text.contains("<<<<<<<") && CONFLICT_MARKER.matcher(text).find()) {
                errors.add(Messages.snapshotMergeConflict(display(file), Integer.parseInt(matcher.group(1))));
                continue;
            }
            try {
                Revision revision = SnapshotFormat.read(name, text);
                byParent.computeIfAbsent(revision.parent(), p -> new ArrayList<>()).add(revision);
            } catch (SnapshotFormat.FormatException e) {
                errors.add(Messages.snapshotCorrupt(display(file), e.line(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return new Chain(List.of(), errors);
        }
        List<Revision> chain = new ArrayList<>();
        for (Map.Entry<Integer, List<Revision>> entry : byParent.entrySet()) {
            List<Revision> claimants = entry.getValue();
            if (claimants.size() > 1) {
                errors.add(Messages.snapshotBranchConflict(entry.getKey(), display(claimants.get(0)),
                        display(claimants.get(1))));
            }
        }
        if (!errors.isEmpty()) {
            return new Chain(List.of(), errors);
        }
        int expected = 1;
        for (Map.Entry<Integer, List<Revision>> entry : byParent.entrySet()) {
            Revision revision = entry.getValue().get(0);
            if (revision.number() != expected || revision.parent() != expected - 1) {
                String problem = revision.parent() != revision.number() - 1
                        ? "revision " + revision.number() + " names " + revision.parent() + " as its parent"
                        : null;
                errors.add(problem != null
                        ? Messages.snapshotCorrupt(display(revision), 0, problem + " (expected "
                                + (revision.number() - 1) + ")")
                        : Messages.snapshotGap(expected, display(revision)));
                break;
            }
            chain.add(revision);
            expected++;
        }
        if (errors.isEmpty()) {
            removalOfMissingView(chain).ifPresent(errors::add);
        }
        return errors.isEmpty() ? new Chain(List.copyOf(chain), List.of()) : new Chain(List.of(), errors);
    }

    /**
     * A revision that removes a view the chain does not hold at that point: what is left when a branch merge was
     * resolved by deleting only the first of the revisions that branch added. Planning it would fail later.
     */
    private Optional<String> removalOfMissingView(List<Revision> chain) {
        // The keys of the views after each revision, as FrozenState.apply folds them (without copying 1,000 views
        // per revision).
        Set<ViewKey> views = new HashSet<>();
        int head = 0;
        for (Revision revision : chain) {
            for (ViewKey key : revision.removed()) {
                if (!views.contains(key)) {
                    return Optional.of(Messages.snapshotCorrupt(display(revision), 0, "revision " + revision.number()
                            + " removes view " + key.display() + ", which "
                            + (head == 0 ? "no earlier revision creates" : "does not exist after revision "
                                    + head)));
                }
            }
            revision.removed().forEach(views::remove);
            for (ViewDefinition view : revision.views()) {
                views.add(view.key());
            }
            head = revision.number();
        }
        return Optional.empty();
    }

    private String display(Revision revision) {
        return display(directory.resolve(revision.fileName()));
    }

    private static String display(Path file) {
        return file.toString();
    }

    /**
     * Writes new revision files (never overwriting one) atomically: all temp files first, then moves. Returns null
     * on success, else the error message; on error nothing new is left in the directory.
     */
    public String append(List<Revision> revisions) {
        List<Path> temps = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        Path current = directory;
        try {
            Files.createDirectories(directory);
            for (Revision revision : revisions) {
                current = directory.resolve(revision.fileName());
                if (Files.exists(current)) {
                    throw new IOException("the file already exists; revision files are never rewritten");
                }
                Path temp = directory.resolve("." + revision.fileName() + ".tmp");
                if (Files.isDirectory(temp)) {
                    throw new IOException(temp + " is in the way (a directory)");
                }
                temps.add(temp); // a regular leftover of an interrupted compile is ours to replace
                Files.writeString(temp, SnapshotFormat.fileText(revision), StandardCharsets.UTF_8);
            }
            for (int i = 0; i < revisions.size(); i++) {
                current = directory.resolve(revisions.get(i).fileName());
                move(temps.get(i), current);
                moved.add(current);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            for (Path path : temps) {
                deleteQuietly(path);
            }
            for (Path path : moved) {
                deleteQuietly(path);
            }
            return Messages.snapshotWriteFailed(display(current), e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort while reporting the original failure.
        }
    }
}
