/**
 * Implementation of the runtime. No compatibility guarantees: use {@link dev.viewmigrate.runtime.ViewMigrator} and
 * the other types of {@code dev.viewmigrate.runtime}.
 */
package dev.viewmigrate.runtime.internal;
