package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.sql.SqlText;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The part of a {@code MIGRATION_FAILED} message about the statement that failed: the statement (its first lines when
 * it is long), PostgreSQL's message with SQLState, where in the statement it points, and PostgreSQL's detail and
 * hint. Written for people: a generated revision runs {@code DO} blocks of 40 lines and more (the dependents check,
 * the grant and comment restore), and PostgreSQL's {@code Where:} context for them only says "PL/pgSQL function
 * inline_code_block line 34 at RAISE", so that line is shown from the statement itself instead. The full
 * {@code Where:} stays in the exception's cause (printed by the CLI's {@code --verbose}).
 */
final class StatementFailure {
    /** Statements up to this many lines are shown whole. */
    static final int MAX_LINES_SHOWN = 12;
    /** Of a longer statement, this many first lines are shown: enough to say what it is. */
    static final int HEAD_LINES = 4;
    private static final int MAX_CHARACTERS_SHOWN = 2000;
    private static final String INDENT = "    ";

    // PostgreSQL lists the context innermost first; a DO block is PL/pgSQL's "inline_code_block".
    private static final Pattern BLOCK_FRAME =
            Pattern.compile("PL/pgSQL function inline_code_block line (\\d+) at ([^\\n]+)");
    // The statement a frame was running; its text may span lines, so it ends at the quote before the frame.
    private static final Pattern INNER_STATEMENT =
            Pattern.compile("(?s)^SQL statement \"(.*?)\"\\n(?=PL/pgSQL function inline_code_block line \\d+ at )");

    private StatementFailure() {}

    /**
     * "Statement N of the revision failed:" with the statement, then "PostgreSQL: ..." and Detail/Hint/Where lines;
     * no trailing line break.
     */
    static String describe(int number, String sql, SQLException error) {
        StringBuilder text = new StringBuilder();
        String[] lines = sql.strip().split("\\r?\\n", -1);
        int blockStart = SqlText.doBlockStartLine(sql);
        text.append("Statement ").append(number).append(" of the revision failed");
        if (lines.length <= MAX_LINES_SHOWN) {
            text.append(":\n").append(INDENT).append(SqlText.abbreviate(String.join("\n", lines),
                    MAX_CHARACTERS_SHOWN).replace("\n", "\n" + INDENT));
        } else {
            text.append(" (").append(blockStart > 0 ? "a DO block of " : "").append(lines.length)
                    .append(" lines; the first ").append(HEAD_LINES).append(" are shown):");
            for (int i = 0; i < HEAD_LINES; i++) {
                text.append('\n').append(INDENT).append(SqlText.abbreviate(lines[i], 200));
            }
            text.append('\n').append(INDENT).append("... (").append(lines.length - HEAD_LINES).append(" more lines)");
        }

        text.append("\nPostgreSQL: ").append(Messages.postgres(error));
        ServerErrorMessage server = error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return text.toString();
        }
        String where = server.getWhere();
        int statements = SqlText.statementCount(sql);
        String pointer = server.getPosition() > 0 && statements == 1 ? SqlText.pointAt(sql, server.getPosition()) : "";
        if (!pointer.isEmpty()) {
            text.append(" at ").append(pointer);
        } else if (server.getPosition() > 0) {
            // The driver sends each statement of a multi-statement string on its own, and PostgreSQL counts within
            // the one that failed: which one is not known, so no line can be pointed at.
            text.append(" at character ").append(server.getPosition()).append(statements > 1
                    ? " of one of the " + statements + " statements in this text" : "");
        } else if (blockStart > 0 && statements == 1 && where != null) {
            String inBlock = pointIntoBlock(sql, blockStart, where);
            if (!inBlock.isEmpty()) {
                text.append(" at ").append(inBlock);
                where = null;
            }
        }
        appendField(text, "Detail", server.getDetail());
        appendField(text, "Hint", server.getHint());
        appendField(text, "Where", where);
        return text.toString();
    }

    /**
     * When {@code where} points only into this statement's own DO block (not into a function it calls, not into a
     * nested block): "line L, in the DO block's RAISE:" and that line of the statement; else empty.
     */
    private static String pointIntoBlock(String sql, int blockStart, String where) {
        String context = where.replace("\r", "");
        String inner = null;
        Matcher statement = INNER_STATEMENT.matcher(context);
        if (statement.find()) {
            inner = statement.group(1);
            context = context.substring(statement.end());
        }
        Matcher frame = BLOCK_FRAME.matcher(context);
        if (!frame.matches()) {
            return "";
        }
        int line = blockStart + Integer.parseInt(frame.group(1)) - 1;
        String lineText = SqlText.line(sql, line).strip();
        if (lineText.isEmpty()) {
            return "";
        }
        String action = frame.group(2);
        StringBuilder text = new StringBuilder("line ").append(line).append(", in the DO block's ").append(action)
                .append(":\n").append(INDENT).append(SqlText.abbreviate(lineText, 120));
        // For EXECUTE the statement that failed was built at run time: only PostgreSQL's context shows it.
        if (inner != null && action.startsWith("EXECUTE")) {
            text.append("\n").append(INDENT).append("which executed: ")
                    .append(SqlText.abbreviate(inner.strip().replaceAll("\\s*\\n\\s*", " "), 200));
        }
        return text.toString();
    }

    /** The server's Detail and Hint lines of {@code error}, each on a line of its own; empty when it has none. */
    static String details(PSQLException error) {
        StringBuilder text = new StringBuilder();
        ServerErrorMessage server = error.getServerErrorMessage();
        if (server != null) {
            appendField(text, "Detail", server.getDetail());
            appendField(text, "Hint", server.getHint());
        }
        return text.toString();
    }

    /** "Detail: ..." on a line of its own; further lines of the value indented, so the message stays one block. */
    private static void appendField(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append('\n').append(label).append(": ")
                    .append(value.strip().replace("\r", "").replace("\n", "\n" + INDENT));
        }
    }
}
