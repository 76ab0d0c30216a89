package dev.viewmigrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void terminate_addsASemicolonOnlyWhenMissing() {
        assertEquals("SELECT 1;", SqlText.terminate("SELECT 1"));
        assertEquals("SELECT 1;", SqlText.terminate("SELECT 1;"));
        assertEquals("SELECT 1;", SqlText.terminate("SELECT 1;  \n\n"));
        assertEquals("SELECT 1 ;", SqlText.terminate("SELECT 1 ;"));
    }

    @Test
    void terminate_putsTheSemicolonBeforeATrailingComment() {
        assertEquals("SELECT 1; -- the answer", SqlText.terminate("SELECT 1 -- the answer"));
        assertEquals("SELECT 1; /* done */", SqlText.terminate("SELECT 1 /* done */"));
        assertEquals("SELECT 1; /* nested /* comment */ still */",
                SqlText.terminate("SELECT 1 /* nested /* comment */ still */"));
        assertEquals("SELECT 1; -- done;", SqlText.terminate("SELECT 1; -- done;"));
        assertEquals("SELECT 1; -- one\n-- two", SqlText.terminate("SELECT 1 -- one\n-- two"));
    }

    @Test
    void terminate_isNotFooledByQuotedText() {
        assertEquals("SELECT 'a;' || 'b -- c';", SqlText.terminate("SELECT 'a;' || 'b -- c'"));
        assertEquals("SELECT 'it''s';", SqlText.terminate("SELECT 'it''s'"));
        assertEquals("SELECT E'a\\';b';", SqlText.terminate("SELECT E'a\\';b'"));
        assertEquals("SELECT 1 AS \"x;-- y\";", SqlText.terminate("SELECT 1 AS \"x;-- y\""));
        assertEquals("SELECT $$;$$;", SqlText.terminate("SELECT $$;$$"));
        assertEquals("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; -- x\n$fn$;",
                SqlText.terminate("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; -- x\n$fn$"));
        // $1 and a$b are not dollar quotes.
        assertEquals("SELECT a$b, $1;", SqlText.terminate("SELECT a$b, $1"));
    }

    @Test
    void terminate_leavesTextWithoutTokensAlone() {
        assertEquals("-- only a comment", SqlText.terminate("-- only a comment\n"));
        assertEquals("", SqlText.terminate("   "));
    }

    @Test
    void statementCount_countsTopLevelStatementsOnly() {
        assertEquals(1, SqlText.statementCount("SELECT 1"));
        assertEquals(1, SqlText.statementCount("SELECT 1; -- done"));
        assertEquals(2, SqlText.statementCount("SELECT 1; SELECT 2"));
        assertEquals(2, SqlText.statementCount("SELECT 1;\nSELECT 2;\n"));
        assertEquals(1, SqlText.statementCount("SELECT ';' || $x$;$x$ /* ; */"));
        assertEquals(1, SqlText.statementCount("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)"));
        assertEquals(0, SqlText.statementCount(" -- nothing"));
        assertEquals(0, SqlText.statementCount(";;"));
    }

    @Test
    void pointAt_showsLineColumnAndCaret() {
        String sql = "SELECT id,\n\tmissing\nFROM t";
        assertEquals("line 2, column 2:\n     missing\n     ^", SqlText.pointAt(sql, 13));
        assertEquals("line 1, column 1:\n    SELECT id,\n    ^", SqlText.pointAt(sql, 1));
        assertEquals("", SqlText.pointAt(sql, 0));
        assertEquals("", SqlText.pointAt(sql, 999));
    }

    @Test
    void pointAt_countsCharactersNotUtf16Units_andCutsLongLines() {
        assertEquals("line 1, column 12:\n    SELECT '😀', x\n               ^", SqlText.pointAt("SELECT '😀', x", 12));
        String longLine = "SELECT " + "a, ".repeat(60) + "oops FROM t";
        String pointer = SqlText.pointAt(longLine, longLine.indexOf("oops") + 1);
        assertEquals("line 1, column 188:", pointer.lines().findFirst().orElseThrow());
        String[] parts = pointer.split("\n");
        assertEquals(parts[1].indexOf("oops"), parts[2].indexOf('^'));
    }

    @Test
    void doBlockStartLine_isTheLineOfTheOpeningQuote() {
        assertEquals(1, SqlText.doBlockStartLine("DO $vm$\nBEGIN\nEND\n$vm$"));
        assertEquals(1, SqlText.doBlockStartLine("do $$ BEGIN END $$"));
        assertEquals(3, SqlText.doBlockStartLine("-- check first\nDO LANGUAGE plpgsql\n$body$\nBEGIN END $body$"));
        assertEquals(2, SqlText.doBlockStartLine("/* a */ DO\n'BEGIN END'"));
        assertEquals(1, SqlText.doBlockStartLine("DO E'BEGIN END'"));
        assertEquals(0, SqlText.doBlockStartLine("DOMAIN x"));
        assertEquals(0, SqlText.doBlockStartLine("SELECT 'DO $$ $$'"));
        assertEquals(0, SqlText.doBlockStartLine("DO"));
    }

    @Test
    void line_isOneBased_andEmptyOutsideTheText() {
        assertEquals("b", SqlText.line("a\nb\r\nc", 2));
        assertEquals("c", SqlText.line("a\nb\r\nc", 3));
        assertEquals("", SqlText.line("a", 0));
        assertEquals("", SqlText.line("a", 2));
    }
}
