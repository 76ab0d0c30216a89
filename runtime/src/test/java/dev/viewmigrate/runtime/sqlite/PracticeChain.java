package dev.viewmigrate.runtime.sqlite;

import static dev.viewmigrate.runtime.sqlite.SqliteRevision.view;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.MigrationCatalog;
import java.util.List;

/**
 * Issue 15's practice application on SQLite, as a chain: tables, the three views, a change of
 * {@code practice_list_joined} (a column dropped, one added), a column renamed and one dropped under the views (each
 * followed by the view change that catches up with it).
 */
public final class PracticeChain {
    private PracticeChain() {}

    public static final String TABLES =
            "CREATE TABLE tune (id INTEGER PRIMARY KEY, title TEXT NOT NULL, mode TEXT, genre TEXT)";

    public static final FrozenView PLAYLIST_1 =
            view("view_playlist_joined", "SELECT p.user_id, p.position, t.id AS tune_id, "
            + "t.title, t.genre\nFROM playlist p JOIN tune t ON t.id = p.tune_id");
    public static final FrozenView JOINED_1 =
            view("practice_list_joined", "SELECT t.id AS tune_id, t.title, t.genre, t.mode, "
            + "r.user_id, max(r.practiced_at) AS last_practiced\nFROM tune t LEFT JOIN practice_record r ON r.tune_id "
            + "= t.id\nGROUP BY t.id, r.user_id");
    public static final FrozenView STAGED =
            view("practice_list_staged", "SELECT j.*, 0 AS staged FROM practice_list_joined j");
    /** Revision 3: mode dropped, avg_quality added. */
    public static final FrozenView JOINED_3 =
            view("practice_list_joined", "SELECT t.id AS tune_id, t.title, t.genre, "
            + "r.user_id, max(r.practiced_at) AS last_practiced, avg(r.quality) AS avg_quality\nFROM tune t LEFT JOIN "
            + "practice_record r ON r.tune_id = t.id\nGROUP BY t.id, r.user_id");
    /** Revision 5: reads tune.name (renamed by revision 4) as title. */
    public static final FrozenView PLAYLIST_5 =
            view("view_playlist_joined", "SELECT p.user_id, p.position, t.id AS tune_id, "
            + "t.name AS title, t.genre\nFROM playlist p JOIN tune t ON t.id = p.tune_id");
    public static final FrozenView JOINED_5 =
            view("practice_list_joined", "SELECT t.id AS tune_id, t.name AS title, t.genre, "
            + "r.user_id, max(r.practiced_at) AS last_practiced, avg(r.quality) AS avg_quality\nFROM tune t LEFT JOIN "
            + "practice_record r ON r.tune_id = t.id\nGROUP BY t.id, r.user_id");
    /** Revision 7: genre gone (dropped from tune by revision 6). */
    public static final FrozenView PLAYLIST_7 =
            view("view_playlist_joined", "SELECT p.user_id, p.position, t.id AS tune_id, "
            + "t.name AS title\nFROM playlist p JOIN tune t ON t.id = p.tune_id");
    public static final FrozenView JOINED_7 =
            view("practice_list_joined", "SELECT t.id AS tune_id, t.name AS title, "
            + "r.user_id, max(r.practiced_at) AS last_practiced, avg(r.quality) AS avg_quality\nFROM tune t LEFT JOIN "
            + "practice_record r ON r.tune_id = t.id\nGROUP BY t.id, r.user_id");

    public static List<SqliteRevision> revisions() {
        return List.of(
                SqliteRevision.handWritten("1", "create tables", List.of(TABLES,
                        "CREATE TABLE playlist (user_id INTEGER NOT NULL, "
                                + "tune_id INTEGER NOT NULL REFERENCES tune(id), "
                                + "position INTEGER NOT NULL)",
                        "CREATE TABLE practice_record (user_id INTEGER NOT NULL, tune_id INTEGER NOT NULL, "
                                + "practiced_at TEXT NOT NULL, quality INTEGER)",
                        "INSERT INTO tune VALUES (1, 'The Kesh', 'major', 'jig'), (2, 'Cooley''s', 'dorian', 'reel')",
                        "INSERT INTO playlist VALUES (7, 1, 1), (7, 2, 2)",
                        "INSERT INTO practice_record VALUES (7, 1, '2026-11-01', 4), (7, 1, '2026-11-02', 5)"),
                        List.of("DROP TABLE practice_record", "DROP TABLE playlist", "DROP TABLE tune")),
                SqliteRevision.views("2", "create views", List.of(), List.of(PLAYLIST_1, JOINED_1, STAGED)),
                SqliteRevision.views("3", "change view practice_list_joined", List.of(STAGED, JOINED_1),
                        List.of(JOINED_3, STAGED)),
                SqliteRevision.handWritten("4", "rename tune.title to name",
                        List.of("ALTER TABLE tune RENAME COLUMN title TO name"),
                        List.of("ALTER TABLE tune RENAME COLUMN name TO title")),
                SqliteRevision.views("5", "read tune.name", List.of(STAGED, JOINED_3, PLAYLIST_1),
                        List.of(PLAYLIST_5, JOINED_5, STAGED)),
                SqliteRevision.handWritten("6", "drop tune.genre", List.of("ALTER TABLE tune DROP COLUMN genre"),
                        List.of("ALTER TABLE tune ADD COLUMN genre TEXT")),
                SqliteRevision.views("7", "stop reading genre", List.of(STAGED, JOINED_5, PLAYLIST_5),
                        List.of(PLAYLIST_7, JOINED_7, STAGED)));
    }

    public static MigrationCatalog catalog() {
        return SqliteRevision.catalog(revisions().toArray(SqliteRevision[]::new));
    }

    /** The first {@code n} revisions. */
    public static MigrationCatalog catalog(int n) {
        return SqliteRevision.catalog(revisions().subList(0, n).toArray(SqliteRevision[]::new));
    }
}
