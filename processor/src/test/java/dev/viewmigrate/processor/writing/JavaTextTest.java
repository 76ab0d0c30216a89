package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The Java text rules on their own; GeneratedJavaSafetyTest runs them through javac and PostgreSQL. */
class JavaTextTest {
    @Test
    void multiLineSql_isATextBlock_withTripleQuotesAndATrailingQuoteEscaped() {
        assertThat(JavaText.expression("SELECT 1\nFROM t", "")).isEqualTo("\"\"\"\nSELECT 1\nFROM t\"\"\"");
        assertThat(JavaText.expression("SELECT '\"\"\"'\nAS \"x\"", ""))
                .isEqualTo("\"\"\"\nSELECT '\"\"\\\"'\nAS \"x\\\"\"\"\"");
    }

    @Test
    void textATextBlockCannotHold_isAStringLiteral() {
        // A line ending in whitespace (a text block strips it), a CR, a line of only whitespace.
        assertThat(JavaText.expression("SELECT 1 \nFROM t", "")).isEqualTo("\"SELECT 1 \\nFROM t\"");
        assertThat(JavaText.expression("a\r\nb", "")).isEqualTo("\"a\\r\\nb\"");
        assertThat(JavaText.expression("  a\n  b", "")).isEqualTo("\"  a\\n  b\"");
    }

    @Test
    void everythingOutsidePrintableAscii_isEscaped_andBackslashesDoubled() {
        assertThat(JavaText.literal("é\u2028\\u002a/\u0001")).isEqualTo("\"\\u00e9\\u2028\\\\u002a/\\001\"");
    }

    @Test
    void javadoc_cannotBeClosedOrTaggedByUserText() {
        assertThat(JavaText.javadoc("a */ b @see {@code x} \\u002a\u2028<i>"))
                .isEqualTo("a &#42;&#47; b &#64;see &#123;&#64;code x&#125; &#92;u002a &lt;i&gt;");
    }

    @Test
    void constantNames() {
        assertThat(JavaText.constantName("activeUsers")).isEqualTo("ACTIVE_USERS");
        assertThat(JavaText.constantName("Sales Data")).isEqualTo("SALES_DATA");
        assertThat(JavaText.constantName("1st")).isEqualTo("V_1ST");
        assertThat(JavaText.constantName("日本")).isEqualTo("VIEW");
    }
}
