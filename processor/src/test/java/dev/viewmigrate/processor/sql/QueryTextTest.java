package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTextTest {
    private static Optional<QueryText.Problem> check(String sql) {
        return QueryText.checkQuery(sql);
    }

    @Test
    void queries_pass() {
        assertThat(check("SELECT 1 AS id")).isEmpty();
        assertThat(check("select a from t union all (select b from u)")).isEmpty();
        assertThat(check("WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 5)"
                + " SELECT n FROM r")).isEmpty();
        assertThat(check("VALUES (1, 'a'), (2, 'b')")).isEmpty();
        assertThat(check("TABLE users")).isEmpty();
        assertThat(check("(SELECT 1) UNION (SELECT 2)")).isEmpty();
        assertThat(check("-- leading comment\nSELECT 1 /* a ; in a comment */")).isEmpty();
    }

    @Test
    void semicolonsInsideLiteralsIdentifiersDollarQuotesAndComments_areText() {
        assertThat(check("SELECT 'a; DROP TABLE t' AS x")).isEmpty();
        assertThat(check("SELECT 'it''s; fine' AS x")).isEmpty();
        assertThat(check("SELECT E'a\\'; still text' AS x")).isEmpty();
        assertThat(check("SELECT 1 AS \"weird;name\"")).isEmpty();
        assertThat(check("SELECT $$ ; $$ AS x, $tag$ a $$ ; $tag$ AS y")).isEmpty();
        assertThat(check("SELECT 1 AS x -- ; DROP TABLE t")).isEmpty();
        assertThat(check("SELECT 1 /* outer /* nested ; */ still comment ; */ AS x")).isEmpty();
        assertThat(check("SELECT a$b$ FROM t")).isEmpty(); // an identifier with $, not a dollar quote
    }

    @Test
    void secondStatement_isRefusedNamingIt() {
        assertThat(check("SELECT 1 AS id; DROP TABLE audit_log"))
                .hasValue(new QueryText.Problem(QueryText.Refusal.SECOND_STATEMENT, "DROP TABLE audit_log"));
        assertThat(check("SELECT 'x''' AS a; DELETE FROM t").get().found()).isEqualTo("DELETE FROM t");
        assertThat(check("SELECT E'\\'' AS a; DELETE FROM t").get().found()).isEqualTo("DELETE FROM t");
        assertThat(check("SELECT $q$'$q$ AS a; DELETE FROM t").get().found()).isEqualTo("DELETE FROM t");
        // A separator followed only by a comment still ends the generated statement early.
        assertThat(check("SELECT 1; -- trailing").get().refusal()).isEqualTo(QueryText.Refusal.SECOND_STATEMENT);
    }

    @Test
    void ddlAndDml_areNotQueries() {
        assertThat(check("DROP TABLE audit_log"))
                .hasValue(new QueryText.Problem(QueryText.Refusal.NOT_A_QUERY, "DROP TABLE audit_log"));
        assertThat(check("INSERT INTO t VALUES (1)").get().refusal()).isEqualTo(QueryText.Refusal.NOT_A_QUERY);
        assertThat(check("WITH a AS (SELECT 1) DELETE FROM t").get().refusal())
                .isEqualTo(QueryText.Refusal.NOT_A_QUERY);
        assertThat(check("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d").get().found())
                .isEqualTo("DELETE FROM t RETURNING *) SELECT * FROM d");
        assertThat(check("WITH u AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM u").get().refusal())
                .isEqualTo(QueryText.Refusal.NOT_A_QUERY);
        // A column that happens to be called delete is no statement.
        assertThat(check("SELECT (delete) FROM t")).isEmpty();
    }

    @Test
    void trailingCheckOption_isNamed() {
        assertThat(check("SELECT a FROM t WHERE a > 0 WITH LOCAL CHECK OPTION"))
                .hasValue(new QueryText.Problem(QueryText.Refusal.CHECK_OPTION, "WITH LOCAL CHECK OPTION"));
        assertThat(check("SELECT a FROM t with check option").get().found()).isEqualTo("with check option");
    }

    @Test
    void unterminatedText_isRefused() {
        assertThat(check("SELECT 'open").get().refusal()).isEqualTo(QueryText.Refusal.UNTERMINATED);
        assertThat(check("SELECT $x$ open").get().refusal()).isEqualTo(QueryText.Refusal.UNTERMINATED);
        assertThat(check("SELECT 1 /* open").get().refusal()).isEqualTo(QueryText.Refusal.UNTERMINATED);
    }

    @Test
    void indexEntries_areOneColumnOrExpression() {
        assertThat(QueryText.checkIndexEntry("id")).isEmpty();
        assertThat(QueryText.checkIndexEntry("name gin_trgm_ops")).isEmpty();
        assertThat(QueryText.checkIndexEntry("created_at DESC NULLS LAST")).isEmpty();
        assertThat(QueryText.checkIndexEntry("lower(email) text_pattern_ops")).isEmpty();
        assertThat(QueryText.checkIndexEntry("coalesce(a, ';')")).isEmpty();

        assertThat(QueryText.checkIndexEntry("id); DELETE FROM t; --")).isPresent();
        assertThat(QueryText.checkIndexEntry("id) WHERE (true")).hasValue("it closes a parenthesis it did not open");
        assertThat(QueryText.checkIndexEntry("lower(id")).hasValue("it leaves a parenthesis open");
        assertThat(QueryText.checkIndexEntry("id -- hidden")).isPresent();
        assertThat(QueryText.checkIndexEntry("a, b")).isPresent();
        assertThat(QueryText.checkPredicate("a > 0 AND b IS NOT NULL")).isEmpty();
        assertThat(QueryText.checkPredicate("true; DROP TABLE t")).hasValue("it holds a ; (a statement separator)");
    }

    @Test
    void indexColumnName_isThePlainColumnOnly() {
        assertThat(QueryText.indexColumnName("Name DESC")).hasValue("name");
        assertThat(QueryText.indexColumnName("authorId")).hasValue("authorId"); // quoted as written by the migrations
        assertThat(QueryText.indexColumnName("\"Name\" gin_trgm_ops")).hasValue("Name");
        assertThat(QueryText.indexColumnName("lower(name)")).isEmpty();
        assertThat(QueryText.indexColumnName("(a + b)")).isEmpty();
    }
}
