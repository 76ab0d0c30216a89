package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextCacheTest {
    @Test
    void eachTextIsReadOnce() {
        List<String> read = new ArrayList<>();
        SqlTextCache<String> cache = new SqlTextCache<>(sql -> {
            read.add(sql);
            return sql.toUpperCase(java.util.Locale.ROOT);
        });

        assertThat(cache.get("select a")).isEqualTo("SELECT A");
        assertThat(cache.get("select b")).isEqualTo("SELECT B");
        assertThat(cache.get("select a")).isEqualTo("SELECT A");

        assertThat(read).containsExactly("select a", "select b").inOrder();
    }

    @Test
    void planningParsesEachViewTextOnce() {
        String sql = "SELECT id FROM users JOIN some_view_only_this_test_reads v USING (id)";
        assertThat(ParsedSql.of(sql)).isSameInstanceAs(ParsedSql.of(sql));
        assertThat(ParsedSql.of(sql).relations()).isSameInstanceAs(ParsedSql.of(sql).relations());
        assertThat(OutputColumns.read(sql)).isSameInstanceAs(OutputColumns.read(sql));
    }
}
