package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SQLite's lexical rules where the processor needs them: select items as written, and the parser's spelling. */
class SqliteTextTest {
    @Test
    void selectItems_areTheTextsBetweenTopLevelCommas() {
        assertThat(SqliteText.selectItems("WITH c AS (SELECT 1 AS k, 2 AS l) SELECT DISTINCT k, max(k, l) AS m,"
                + " [a, b], 'x,y' /* , */ FROM c WHERE k IS DISTINCT FROM l")).hasValue(
                List.of("k", "max(k, l) AS m", "[a, b]", "'x,y' /* , */"));
        assertThat(SqliteText.selectItems("SELECT a IS DISTINCT FROM b, c")).hasValue(
                List.of("a IS DISTINCT FROM b", "c"));
        assertThat(SqliteText.selectItems("SELECT 1 UNION SELECT 2")).hasValue(List.of("1"));
        assertThat(SqliteText.selectItems("VALUES (1, 2)")).isEmpty();
        assertThat(SqliteText.selectItems("SELECT 'open")).isEmpty();
    }

    @Test
    void forParser_spellsSqliteOnlySyntaxTheWayJsqlparserReadsIt() {
        assertThat(SqliteText.forParser("SELECT [my col], `x\"y` FROM [t] WHERE a GLOB 'b*' AND c IS NOT d AND e IS f"
                + " AND g IS NOT NULL AND 'is' = \"is\""))
                .isEqualTo("SELECT \"my col\", \"x\"\"y\" FROM \"t\" WHERE a LIKE 'b*' AND c <> d AND e = f"
                        + " AND g IS NOT NULL AND 'is' = \"is\"");
        assertThat(SqliteText.quotesAsDoubleQuotes("SELECT [a;b] FROM t WHERE x GLOB 'y'"))
                .isEqualTo("SELECT \"a;b\" FROM t WHERE x GLOB 'y'");
    }

    @Test
    void unquote_readsEveryQuoteSqliteKnows() {
        assertThat(SqliteText.unquote("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(SqliteText.unquote("[a b]")).isEqualTo("a b");
        assertThat(SqliteText.unquote("`a``b`")).isEqualTo("a`b");
        assertThat(SqliteText.unquote("'it''s'")).isEqualTo("it's");
        assertThat(SqliteText.unquote("plain")).isEqualTo("plain");
    }
}
