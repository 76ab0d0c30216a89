package dev.viewmigrate.processor.validation;

import dev.viewmigrate.processor.Messages;
import dev.viewmigrate.processor.Reporter;
import dev.viewmigrate.processor.extract.HandWrittenDeclaration;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @HandWrittenMigration} class: the generated migration calls {@code new Type().upgrade(context)},
 * so it must implement {@code JavaMigration} and be instantiable from another package.
 */
public final class HandWrittenValidator {
    private static final String JAVA_MIGRATION = "dev.viewmigrate.runtime.JavaMigration";

    private final Reporter reporter;
    private final Elements elements;
    private final Types types;

    public HandWrittenValidator(Reporter reporter, Elements elements, Types types) {
        this.reporter = reporter;
        this.elements = elements;
        this.types = types;
    }

    public Optional<HandWrittenDefinition> validate(HandWrittenDeclaration declaration) {
        TypeElement type = declaration.type();
        String name = declaration.className();
        Reporter.At at = Reporter.At.annotation(type, declaration.mirror());
        int errorsBefore = reporter.errorCount();
        TypeElement javaMigration = elements.getTypeElement(JAVA_MIGRATION);
        if (javaMigration == null) {
            reporter.error(Messages.runtimeMissing(), at);
            return Optional.empty();
        }
        if (type.getKind() != ElementKind.CLASS) {
            reporter.error(Messages.handWrittenShape(name, "it is not a class"), at);
            return Optional.empty();
        }
        if (!types.isAssignable(types.erasure(type.asType()), types.erasure(javaMigration.asType()))) {
            reporter.error(Messages.handWrittenNotMigration(name), at);
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            reporter.error(Messages.handWrittenShape(name, "it is not public"), at);
        } else if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            reporter.error(Messages.handWrittenShape(name, "it is abstract"), at);
        } else if (!reachable(type)) {
            reporter.error(Messages.handWrittenShape(name, "it is an inner or local class"), at);
        } else if (!hasPublicNoArgConstructor(type)) {
            reporter.error(Messages.handWrittenShape(name, "it has no public no-argument constructor"), at);
        }
        if (declaration.description().isBlank()) {
            reporter.error(Messages.handWrittenNoDescription(name), at);
        }
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new HandWrittenDefinition(name, declaration.description().strip()));
    }

    private static boolean reachable(TypeElement type) {
        if (type.getNestingKind() == NestingKind.TOP_LEVEL) {
            return true;
        }
        if (type.getNestingKind() != NestingKind.MEMBER || !type.getModifiers().contains(Modifier.STATIC)) {
            return false;
        }
        Element enclosing = type.getEnclosingElement();
        return enclosing instanceof TypeElement outer && outer.getModifiers().contains(Modifier.PUBLIC)
                && reachable(outer);
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC)) {
                return true;
            }
        }
        return false;
    }
}
