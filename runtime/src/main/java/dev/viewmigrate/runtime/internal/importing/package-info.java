/**
 * {@code import}: reading views from the live catalog and writing their {@code @View} classes. Internal: no
 * compatibility guarantees; the public entry point is {@link dev.viewmigrate.runtime.ViewImporter}.
 */
package dev.viewmigrate.runtime.internal.importing;
