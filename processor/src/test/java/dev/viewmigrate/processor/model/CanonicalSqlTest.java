package dev.viewmigrate.processor.model;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalSqlTest {
    @Test
    void indentationTrailingWhitespaceBlankEdgesAndSemicolonAreNotContent() {
        assertThat(CanonicalSql.of("\n\n    SELECT a,   \r\n           b\n    FROM t;  \n\n"))
                .isEqualTo("SELECT a,\n       b\nFROM t");
    }

    @Test
    void everythingElseIsKeptExactly() {
        assertThat(CanonicalSql.of("select A,\n\n  b from T")).isEqualTo("select A,\n\n  b from T");
        assertThat(CanonicalSql.of("  SELECT 'a;  '")).isEqualTo("SELECT 'a;  '");
    }

    @Test
    void blankSqlIsEmpty() {
        assertThat(CanonicalSql.of("  ;  \n ; ")).isEmpty();
    }
}
