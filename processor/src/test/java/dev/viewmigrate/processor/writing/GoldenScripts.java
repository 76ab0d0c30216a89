package dev.viewmigrate.processor.writing;

import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;

/** Runs an offline script as one multi-statement string through JDBC (the simple query protocol, as psql -f). */
final class GoldenScripts {
    private GoldenScripts() {}

    static boolean run(TestDatabase db, String script) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(script);
            return true;
        }
    }
}
