package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;

/** A verb that also runs on many targets ({@code --target}, {@code --targets-file}, {@code --targets-query}). */
interface ManyTargetsVerb {
    TargetOptions targetOptions();

    /** Runs the verb, with its own arguments, on every target of {@code runner}. */
    TargetsResult<?> runOn(TargetRunner runner);

    /** Whether the verb applies or reverts revisions (the summary then shows how many per target). */
    default boolean migrates() {
        return false;
    }
}
