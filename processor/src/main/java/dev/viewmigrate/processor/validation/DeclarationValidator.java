package dev.viewmigrate.processor.validation;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Options;
import dev.viewmigrate.processor.PhaseTimes;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.columns.ColumnCheck;
import dev.viewmigrate.processor.declared.DeclarationReader;
import dev.viewmigrate.processor.extract.Extractor;
import dev.viewmigrate.processor.extract.HandWrittenDeclaration;
import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The second phase: checks everything the compile declares, reporting each problem on the element (annotation,
 * attribute) at fault. What it returns is what may be frozen; any error reported blocks freezing.
 */
public final class DeclarationValidator {
    private final Reporter reporter;
    private final Elements elements;
    private final Types types;
    private final Extractor extractor;
    private final Options options;

    public DeclarationValidator(Reporter reporter, Elements elements, Types types, Extractor extractor,
            Options options) {
        this.reporter = reporter;
        this.elements = elements;
        this.types = types;
        this.extractor = extractor;
        this.options = options;
    }

    /**
     * The valid declarations.
     *
     * @param valid the views declared in this compile that are valid, with their declarations
     * @param current every view as the code declares it now: the valid ones plus those read from class files
     * @param newHandWritten the valid hand-written migrations not frozen yet, in class name order
     * @param handWrittenTypes every hand-written migration class of this compile, by name
     */
    public record Validated(Map<ViewKey, ViewValidator.ValidView> valid, Map<ViewKey, ViewDefinition> current,
            List<HandWrittenDefinition> newHandWritten, Map<String, TypeElement> handWrittenTypes) {}

    public Validated validate(DeclarationReader.Declarations declarations, FrozenState frozen,
            List<Revision> chain, Path snapshots) {
        PhaseTimes times = new PhaseTimes();
        Map<ViewKey, ViewValidator.ValidView> valid = times.time("  validate views",
                () -> new ViewValidator(reporter, extractor, options.dialect(), options.sideBySide())
                        .validate(declarations.views()));
        if (options.dialect() == Dialect.SQLITE) {
            new SqliteViewCheck(reporter).check(valid);
        }
        if (options.columnCheck()) {
            List<ColumnCheck.CheckedView> views = new ArrayList<>();
            valid.forEach((key, view) -> views.add(new ColumnCheck.CheckedView(view.declaration().type(),
                    key.display(), view.definition().sql())));
            times.run("  column check", () -> new ColumnCheck(reporter, elements, types, options.naming(),
                    options.dialect()).check(views));
        }
        Map<ViewKey, ViewDefinition> current = new TreeMap<>();
        valid.forEach((key, view) -> current.put(key, view.definition()));
        declarations.fromClassFiles().forEach(current::putIfAbsent);
        times.run("  view graph check", () -> new ViewGraphCheck(reporter, options.dialect()).check(current, valid));
        if (options.dialect() == Dialect.SQLITE) {
            new SqliteViewCheck(reporter).checkReadsRemoved(current, frozen.views(), valid);
        }

        HandWrittenValidator handWrittenValidator = new HandWrittenValidator(reporter, elements, types);
        Map<String, TypeElement> handWrittenTypes = new TreeMap<>();
        List<HandWrittenDefinition> newHandWritten = new ArrayList<>();
        Set<String> frozenHandWritten = new TreeSet<>();
        frozen.handWritten().forEach(h -> frozenHandWritten.add(h.className()));
        for (HandWrittenDeclaration declaration : declarations.handWritten()) {
            handWrittenTypes.put(declaration.className(), declaration.type());
            Optional<HandWrittenDefinition> definition = handWrittenValidator.validate(declaration);
            if (definition.isPresent() && !frozenHandWritten.contains(declaration.className())) {
                newHandWritten.add(definition.get());
            }
        }
        for (Revision revision : chain) {
            revision.handWritten().forEach(handWritten -> {
                if (!handWrittenTypes.containsKey(handWritten.className())
                        && elements.getTypeElement(handWritten.className()) == null) {
                    reporter.error(Messages.handWrittenRemoved(handWritten.className(),
                            snapshots.resolve(revision.fileName()).toString()), Reporter.At.COMPILE);
                }
            });
        }
        return new Validated(valid, current, newHandWritten, handWrittenTypes);
    }
}
