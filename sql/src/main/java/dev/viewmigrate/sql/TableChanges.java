package dev.viewmigrate.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Which table columns a statement changes in a way that views reading them cannot survive as frozen: the PostgreSQL
 * rule of "what a table migration does to the views over it", read from the statement's text (no parser needed:
 * only the head of {@code ALTER TABLE} and {@code DROP TABLE} matters).
 *
 * <ul>
 *   <li>{@code ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE ...}: column {@code c} (PostgreSQL refuses it under a
 *       view: 0A000);</li>
 *   <li>{@code ALTER TABLE t DROP [COLUMN] [IF EXISTS] c}: column {@code c} (2BP01 under a view);</li>
 *   <li>{@code ALTER TABLE t RENAME [COLUMN] c TO d}: column {@code c} (PostgreSQL lets the view follow, but the
 *       frozen SQL still says {@code c});</li>
 *   <li>{@code ALTER TABLE t RENAME TO u}, {@code ALTER TABLE t SET SCHEMA s}, {@code DROP TABLE t, ...}: the whole
 *       table.</li>
 * </ul>
 * Every other statement and action ({@code ADD COLUMN}, {@code SET DEFAULT}, constraints, DML, ...) changes nothing
 * a view reads. Several statements separated by semicolons are read one by one.
 */
public final class TableChanges {
    private TableChanges() {}

    /**
     * One table a statement changes.
     *
     * @param table the table as written, each part normalised the way PostgreSQL resolves it and quoted again where
     *     needed ({@code public."Users"}): ready for {@code to_regclass}
     * @param columns the columns changed (their names as stored in the catalog); empty when the whole table is
     * @param refused true when PostgreSQL itself refuses the change while a view reads what it changes (a type
     *     change, a dropped column or table); false for renames, which PostgreSQL lets views follow
     */
    public record Change(String table, List<String> columns, boolean refused) {
        public Change {
            columns = List.copyOf(columns);
        }

        public boolean wholeTable() {
            return columns.isEmpty();
        }
    }

    /** The changes {@code sql} makes to tables that views may read, in statement order; empty for most SQL. */
    public static List<Change> of(String sql) {
        List<Change> changes = new ArrayList<>();
        List<Token> statement = new ArrayList<>();
        for (Token token : tokens(sql)) {
            if (token.is(";")) {
                read(statement, changes);
                statement.clear();
            } else {
                statement.add(token);
            }
        }
        read(statement, changes);
        return changes;
    }

    private static void read(List<Token> t, List<Change> changes) {
        if (t.size() < 3) {
            return;
        }
        if (t.get(0).word("drop") && t.get(1).word("table")) {
            int i = 2;
            if (t.get(i).word("if") && i + 1 < t.size() && t.get(i + 1).word("exists")) {
                i += 2;
            }
            while (i < t.size()) {
                Name name = name(t, i);
                if (name == null) {
                    return;
                }
                changes.add(new Change(name.text, List.of(), true));
                i = name.end;
                if (i < t.size() && t.get(i).is(",")) {
                    i++;
                } else {
                    return;
                }
            }
            return;
        }
        if (!(t.get(0).word("alter") && t.get(1).word("table"))) {
            return;
        }
        int i = 2;
        if (t.get(i).word("if") && i + 1 < t.size() && t.get(i + 1).word("exists")) {
            i += 2;
        }
        if (i < t.size() && t.get(i).word("only")) {
            i++;
        }
        Name name = name(t, i);
        if (name == null) {
            return;
        }
        i = name.end;
        if (i < t.size() && t.get(i).is("*")) {
            i++;
        }
        List<String> columns = new ArrayList<>();
        boolean refused = false;
        boolean wholeTable = false;
        // Actions are separated by commas at parenthesis depth 0.
        while (i < t.size()) {
            int end = i;
            int depth = 0;
            while (end < t.size() && !(depth == 0 && t.get(end).is(","))) {
                if (t.get(end).is("(")) {
                    depth++;
                } else if (t.get(end).is(")")) {
                    depth--;
                }
                end++;
            }
            List<Token> action = t.subList(i, end);
            Action read = action(action);
            if (read != null) {
                if (read.column == null) {
                    wholeTable = true;
                } else if (!columns.contains(read.column)) {
                    columns.add(read.column);
                }
                refused |= read.refused;
            }
            i = end + 1;
        }
        if (wholeTable) {
            changes.add(new Change(name.text, List.of(), refused));
        } else if (!columns.isEmpty()) {
            changes.add(new Change(name.text, columns, refused));
        }
    }

    private record Action(String column, boolean refused) {}

    private static Action action(List<Token> a) {
        if (a.isEmpty()) {
            return null;
        }
        int i = 1;
        if (a.get(0).word("alter")) {
            if (i < a.size() && a.get(i).word("column")) {
                i++;
            }
            if (i + 1 >= a.size() || !a.get(i).identifier()) {
                return null;
            }
            String column = a.get(i).name();
            int j = i + 1;
            if (a.get(j).word("set") && j + 2 < a.size() && a.get(j + 1).word("data")) {
                j += 2;
            }
            return j < a.size() && a.get(j).word("type") ? new Action(column, true) : null;
        }
        if (a.get(0).word("drop")) {
            if (i < a.size() && (a.get(i).word("constraint") || a.get(i).word("default"))) {
                return null;
            }
            if (i < a.size() && a.get(i).word("column")) {
                i++;
            }
            if (i + 1 < a.size() && a.get(i).word("if") && a.get(i + 1).word("exists")) {
                i += 2;
            }
            return i < a.size() && a.get(i).identifier() ? new Action(a.get(i).name(), true) : null;
        }
        if (a.get(0).word("rename")) {
            if (i < a.size() && a.get(i).word("to")) {
                return new Action(null, false);
            }
            if (i < a.size() && a.get(i).word("constraint")) {
                return null;
            }
            if (i < a.size() && a.get(i).word("column")) {
                i++;
            }
            return i + 1 < a.size() && a.get(i).identifier() && a.get(i + 1).word("to")
                    ? new Action(a.get(i).name(), false) : null;
        }
        if (a.get(0).word("set") && i < a.size() && a.get(i).word("schema")) {
            return new Action(null, false);
        }
        return null;
    }

    private record Name(String text, int end) {}

    private static Name name(List<Token> t, int i) {
        if (i >= t.size() || !t.get(i).identifier()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(t.get(i).name());
        i++;
        while (i + 1 < t.size() && t.get(i).is(".") && t.get(i + 1).identifier()) {
            parts.add(t.get(i + 1).name());
            i += 2;
        }
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (text.length() > 0) {
                text.append('.');
            }
            text.append(Identifiers.quote(part));
        }
        return new Name(text.toString(), i);
    }

    /** A word (bare, folded to lower case), a quoted identifier, a punctuation mark or anything else. */
    private record Token(String text, boolean quoted, boolean bare) {
        boolean is(String punctuation) {
            return !quoted && !bare && text.equals(punctuation);
        }

        boolean word(String keyword) {
            return bare && text.equals(keyword);
        }

        boolean identifier() {
            return quoted || bare;
        }

        /** The identifier as the catalog stores it. */
        String name() {
            return text;
        }
    }

    /** PostgreSQL folds unquoted identifiers to lower case, ASCII letters only. */
    private static String fold(String word) {
        StringBuilder folded = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char ch = word.charAt(k);
            folded.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
        }
        return folded.toString();
    }

    private static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                i = SqlText.skipBlockComment(sql, i);
            } else if (c == '"') {
                int end = SqlText.skipQuoted(sql, i, '"', false);
                String inner = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
                tokens.add(new Token(inner, true, false));
                i = end;
            } else if (c == '\'') {
                i = SqlText.skipQuoted(sql, i, '\'', false);
                tokens.add(new Token("'", false, false));
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = SqlText.skipQuoted(sql, i + 1, '\'', true);
                tokens.add(new Token("'", false, false));
            } else if (c == '$' && SqlText.dollarTagEnd(sql, i) > 0) {
                int tagEnd = SqlText.dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                tokens.add(new Token("$", false, false));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && SqlText.isIdentifierChar(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(fold(sql.substring(start, i)), false, true));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token("0", false, false));
            } else {
                tokens.add(new Token(String.valueOf(c), false, false));
                i++;
            }
        }
        return tokens;
    }
}
