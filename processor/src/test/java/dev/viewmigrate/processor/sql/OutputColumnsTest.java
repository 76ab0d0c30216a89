package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputColumnsTest {
    @Test
    void namesFollowPostgresRules() {
        assertThat(OutputColumns.of("""
                SELECT u.id, u.Name, count(p.id), MIN(p.created_at) AS First_Post, x::int, 1 AS "Quoted"
                FROM users u JOIN posts p ON p.author_id = u.id GROUP BY u.id, u.name, x"""))
                .isEqualTo(Optional.of(List.of("id", "name", "count", "first_post", "x", "Quoted")));
    }

    @Test
    void unionTakesTheFirstBranch_withTakesTheMainSelect() {
        assertThat(OutputColumns.of("SELECT a, b FROM t UNION ALL SELECT c, d FROM u"))
                .isEqualTo(Optional.of(List.of("a", "b")));
        assertThat(OutputColumns.of("WITH w AS (SELECT 1 AS z) SELECT z AS y FROM w"))
                .isEqualTo(Optional.of(List.of("y")));
    }

    @Test
    void starOrUnparseableSqlIsUnknown_withTheReason() {
        assertThat(OutputColumns.of("SELECT * FROM t")).isEmpty();
        assertThat(OutputColumns.of("SELECT t.* FROM t")).isEmpty();
        assertThat(OutputColumns.of("this is not sql")).isEmpty();
        assertThat(OutputColumns.read("SELECT a, t.* FROM t").unknownReason())
                .isEqualTo("select item 2 (t.*) takes its columns from the tables, which the processor can't see");
        assertThat(OutputColumns.read("this is not sql").unknownReason())
                .isEqualTo("the SQL uses syntax the parser (JSqlParser) does not understand");
    }

    @Test
    void operatorsAndLiteralsAreNamedLikePostgres() {
        // PostgreSQL names them ?column? (checked on the server by OutputColumnsPostgresTest).
        assertThat(OutputColumns.of("SELECT a + 1, 'x' FROM t"))
                .isEqualTo(Optional.of(List.of(OutputColumns.UNNAMED, OutputColumns.UNNAMED)));
    }

    @Test
    void replaceIsKnownRefusedOnlyWhenOldColumnsAreNotAPrefix() {
        assertThat(OutputColumns.replaceKnownRefused("SELECT a, b FROM t", "SELECT a, b, c FROM t")).isFalse();
        assertThat(OutputColumns.replaceKnownRefused("SELECT a, b FROM t", "SELECT a FROM t")).isTrue();
        assertThat(OutputColumns.replaceKnownRefused("SELECT a, b FROM t", "SELECT b, a FROM t")).isTrue();
        assertThat(OutputColumns.replaceKnownRefused("SELECT a, b FROM t", "SELECT a, b AS c FROM t")).isTrue();
        assertThat(OutputColumns.replaceKnownRefused("SELECT a, b FROM t", "SELECT * FROM t")).isFalse();
    }
}
