package dev.viewmigrate.processor.columns;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class NamingTest {
    @Test
    void exact_isTheNameFoldedToLowerCaseUnlessQuoted() {
        assertThat(Naming.EXACT.columnNames("firstPostDate")).containsExactly("firstpostdate");
        assertThat(Naming.EXACT.columnNames("\"FirstPostDate\"")).containsExactly("FirstPostDate");
        assertThat(Naming.EXACT.columnNames("`Name`")).containsExactly("Name");
    }

    @Test
    void quotedName_withADoubledQuoteInside_isTheNameWithOneQuote() {
        // Hibernate puts a quoted name's text between quotes as it is: "\"x\"\"y\"" is the SQL "x""y", column x"y
        // (and what viewmigrate import writes for that column).
        assertThat(Naming.EXACT.columnNames("\"x\"\"y\"")).containsExactly("x\"y");
        assertThat(Naming.EXACT.relationName("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(Naming.SNAKE_CASE.columnNames("\"X\"\"y\"")).contains("x\"y");
    }

    @Test
    void snakeCase_followsSpringBootsCamelCaseToUnderscores() {
        assertThat(Naming.SNAKE_CASE.columnNames("firstPostDate")).containsExactly("first_post_date");
        assertThat(Naming.SNAKE_CASE.columnNames("post_count")).containsExactly("post_count");
        // An underscore only before an upper-case letter between lower-case ones: acronyms stay together.
        assertThat(Naming.SNAKE_CASE.columnNames("HTTPRequestId")).containsExactly("httprequest_id");
        assertThat(Naming.SNAKE_CASE.columnNames("home.street")).containsExactly("home_street");
        // Spring lower-cases quoted names too.
        assertThat(Naming.SNAKE_CASE.columnNames("\"FirstName\"")).containsExactly("first_name");
    }

    @Test
    void snakeCase_acceptsBothSpellingsOfDigits() {
        // Newer versions also split after a digit; older ones don't. Either may be the application's.
        assertThat(Naming.SNAKE_CASE.columnNames("line2Text")).containsExactly("line2_text", "line2text").inOrder();
    }

    @Test
    void propertyNames_followJavaBeans() {
        assertThat(EntityMapping.propertyName("getFirstPostDate")).hasValue("firstPostDate");
        assertThat(EntityMapping.propertyName("isActive")).hasValue("active");
        assertThat(EntityMapping.propertyName("getURL")).hasValue("URL");
        assertThat(EntityMapping.propertyName("getaway")).isEmpty();
        assertThat(EntityMapping.propertyName("get")).isEmpty();
    }
}
