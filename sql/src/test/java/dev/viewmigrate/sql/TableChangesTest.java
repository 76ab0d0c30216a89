package dev.viewmigrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewmigrate.sql.TableChanges.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableChangesTest {
    @Test
    void retypeDropAndRenameOfColumns() {
        assertEquals(List.of(new Change("users", List.of("username"), true)),
                TableChanges.of("ALTER TABLE users ALTER COLUMN username TYPE varchar(200)"));
        assertEquals(List.of(new Change("public.users", List.of("username"), true)),
                TableChanges.of("alter table if exists only public.users alter username set data type text"));
        assertEquals(List.of(new Change("users", List.of("bio"), true)),
                TableChanges.of("ALTER TABLE users DROP COLUMN IF EXISTS bio CASCADE"));
        assertEquals(List.of(new Change("users", List.of("username"), false)),
                TableChanges.of("ALTER TABLE users RENAME COLUMN username TO handle"));
        assertEquals(List.of(new Change("users", List.of("username"), false)),
                TableChanges.of("ALTER TABLE users RENAME username TO handle"));
    }

    @Test
    void severalActionsAndStatements() {
        assertEquals(List.of(new Change("\"Users\"", List.of("Name", "age"), true),
                        new Change("posts", List.of(), true), new Change("s.tags", List.of(), true)),
                TableChanges.of("""
                        -- a comment; with a semicolon
                        ALTER TABLE "Users" ADD COLUMN x int DEFAULT 1, ALTER COLUMN "Name" TYPE text USING ("Name"::text),
                            DROP age, ALTER COLUMN y SET DEFAULT 'a;b';
                        DROP TABLE IF EXISTS posts, s.tags CASCADE;
                        UPDATE users SET name = 'ALTER TABLE x DROP COLUMN y'
                        """));
    }

    @Test
    void wholeTableRenamesAndSchemaMoves() {
        assertEquals(List.of(new Change("users", List.of(), false)),
                TableChanges.of("ALTER TABLE users RENAME TO people"));
        assertEquals(List.of(new Change("users", List.of(), false)),
                TableChanges.of("ALTER TABLE users SET SCHEMA archive"));
    }

    @Test
    void changesViewsSurviveAreIgnored() {
        assertEquals(List.of(), TableChanges.of("ALTER TABLE users ADD COLUMN bio text"));
        assertEquals(List.of(), TableChanges.of("ALTER TABLE users DROP CONSTRAINT users_pkey"));
        assertEquals(List.of(), TableChanges.of("ALTER TABLE users ALTER COLUMN name SET NOT NULL"));
        assertEquals(List.of(), TableChanges.of("ALTER TABLE users RENAME CONSTRAINT a TO b"));
        assertEquals(List.of(), TableChanges.of("ALTER VIEW v RENAME COLUMN a TO b"));
        assertEquals(List.of(), TableChanges.of("CREATE TABLE t (id int)"));
        assertEquals(List.of(), TableChanges.of("DO $$ BEGIN ALTER TABLE t DROP COLUMN a; END $$"));
        assertEquals(List.of(), TableChanges.of(""));
    }
}
