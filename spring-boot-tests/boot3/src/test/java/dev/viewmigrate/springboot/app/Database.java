package dev.viewmigrate.springboot.app;

import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh database per test class on the shared PostgreSQL server, and the few queries the tests ask it. */
final class Database {
    private Database() {}

    static void register(DynamicPropertyRegistry registry, TestDatabase db) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    /** The command-line arguments that point an application at {@code db}. */
    static List<String> args(TestDatabase db) {
        return List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--spring.main.web-application-type=none");
    }

    static boolean exists(TestDatabase db, String relation) {
        return !query(db, "SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = 'public'::regnamespace",
                relation).isEmpty();
    }

    /** The first column of every row, as text. */
    static List<String> query(TestDatabase db, String sql, String... parameters) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
