package dev.viewmigrate.example;

import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** Hibernate ORM 6, bootstrapped programmatically (no persistence.xml, no Spring). */
public final class Orm {
    private Orm() {}

    /**
     * Starts Hibernate on {@code dataSource} with the given entity classes. With {@code hbm2ddl.auto=validate}
     * Hibernate checks at start-up that every mapped table and view has the columns, with compatible types, that the
     * entities expect: an entity that reads a column the view does not have fails here, not in front of a user.
     */
    public static SessionFactory start(DataSource dataSource, List<Class<?>> entities) {
        Logging.silence();
        BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder();
        // Hibernate also loads entity classes by name; it must find these very classes, also when they come from a
        // class loader of their own (the end-to-end test loads each day's compile separately).
        entities.stream().map(Class::getClassLoader).distinct().forEach(bootstrap::applyClassLoader);
        Configuration configuration = new Configuration(bootstrap.build());
        for (Class<?> entity : entities) {
            configuration.addAnnotatedClass(entity);
        }
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        // Hibernate takes the DataSource object itself; connection pooling is the DataSource's business.
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        return configuration.buildSessionFactory();
    }
}
