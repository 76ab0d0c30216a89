package dev.viewmigrate.spring.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Orders start-up: Flyway's and Liquibase's migrations, then every {@link ViewMigrateInitializer}, then JPA's
 * {@code EntityManagerFactory} and JDBC templates.
 *
 * <p>Spring Boot's own {@code EntityManagerFactoryDependsOnPostProcessor} would do the second half, but Boot 4 moved
 * it to another package (and so it did the Flyway and Liquibase classes): to work on Boot 3.5 and 4 with one jar,
 * every type is named here as a string and only looked for when it is on the class path.
 */
final class ViewMigrateDependsOnPostProcessor implements BeanFactoryPostProcessor, Ordered {

    /** Beans that change the tables and must finish before viewmigrate reads them. */
    static final List<String> TABLE_MIGRATION_TYPES = List.of(
            "org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer", // Boot 3
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer", // Boot 4
            "liquibase.integration.spring.SpringLiquibase");

    /** Beans that read the views, directly or (Hibernate's ddl-auto=validate) while they are created. */
    static final List<String> VIEW_READER_TYPES = List.of(
            "jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations");

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        Set<String> initializers = beanNames(beanFactory, List.of(ViewMigrateInitializer.class.getName()),
                classLoader);
        if (initializers.isEmpty()) {
            return;
        }
        Set<String> tableMigrations = beanNames(beanFactory, TABLE_MIGRATION_TYPES, classLoader);
        for (String initializer : initializers) {
            addDependsOn(beanFactory.getBeanDefinition(initializer), tableMigrations);
        }
        for (String reader : beanNames(beanFactory, VIEW_READER_TYPES, classLoader)) {
            if (!initializers.contains(reader) && !tableMigrations.contains(reader)) {
                addDependsOn(beanFactory.getBeanDefinition(reader), initializers);
            }
        }
    }

    /** Names of the bean definitions of the given types (factory beans by the name of what they make). */
    private static Set<String> beanNames(
            ConfigurableListableBeanFactory beanFactory, List<String> typeNames, ClassLoader classLoader) {
        Set<String> names = new LinkedHashSet<>();
        for (String typeName : typeNames) {
            if (!ClassUtils.isPresent(typeName, classLoader)) {
                continue;
            }
            Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
            // allowEagerInit=false: nothing may be created this early, not even a factory bean to ask its type.
            for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
                String beanName = BeanFactoryUtils.transformedBeanName(name);
                if (beanFactory.containsBeanDefinition(beanName)) {
                    names.add(beanName);
                }
            }
        }
        return names;
    }

    private static void addDependsOn(BeanDefinition definition, Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        Set<String> dependsOn = new LinkedHashSet<>();
        if (definition.getDependsOn() != null) {
            dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
        }
        dependsOn.addAll(names);
        definition.setDependsOn(new ArrayList<>(dependsOn).toArray(String[]::new));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
