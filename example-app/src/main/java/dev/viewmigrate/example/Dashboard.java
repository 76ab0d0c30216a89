package dev.viewmigrate.example;

import dev.viewmigrate.example.model.ActiveUser;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hibernate.SessionFactory;

/** The executive dashboard: the "Active Contributors" read through the {@link ActiveUser} entity. */
final class Dashboard {
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Dashboard() {}

    /** Most active first; ties by name, so that the output is stable. */
    static List<ActiveUser> load(SessionFactory orm) {
        return orm.fromTransaction(session -> session
                .createSelectionQuery("from ActiveUser order by postCount desc, username", ActiveUser.class)
                .getResultList());
    }

    static void print(List<ActiveUser> contributors, PrintStream out) {
        TextTable table = new TextTable(
                TextTable.Column.left("username"),
                TextTable.Column.left("email"),
                TextTable.Column.right("posts"),
                TextTable.Column.left("first post (UTC)"));
        for (ActiveUser contributor : contributors) {
            table.row(contributor.getUsername(), contributor.getEmail(), contributor.getPostCount(),
                    utcMinutes(contributor.getFirstPostDate()));
        }
        table.print(out, "  ");
        out.println("  (" + contributors.size() + (contributors.size() == 1 ? " row)" : " rows)"));
    }

    static String utcMinutes(OffsetDateTime time) {
        return time == null ? "" : time.withOffsetSameInstant(ZoneOffset.UTC).format(MINUTES);
    }
}
