package com.example;

import dev.viewmigrate.runtime.JavaMigration;
import dev.viewmigrate.runtime.MigrationContext;

/** The golden corpus's hand-written migration: the tables its views read. */
public class CreateTables implements JavaMigration {
    @Override
    public void upgrade(MigrationContext context) throws Exception {
        context.execute("CREATE SCHEMA reporting");
        context.execute("CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL, active boolean NOT NULL)");
        context.execute("CREATE TABLE posts (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors, "
                + "title text NOT NULL)");
    }

    @Override
    public void downgrade(MigrationContext context) throws Exception {
        context.execute("DROP TABLE posts");
        context.execute("DROP TABLE authors");
        context.execute("DROP SCHEMA reporting");
    }
}
