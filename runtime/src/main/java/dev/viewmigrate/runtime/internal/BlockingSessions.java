package dev.viewmigrate.runtime.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Who blocks a statement of ours while it waits for a table lock. Once {@code lock_timeout} cancels the statement,
 * {@code pg_blocking_pids()} of our backend is empty again, so the question has to be asked while we wait, and from
 * another connection: a watcher thread that, once the transaction has run for half the timeout, opens a second
 * connection and asks {@code pg_blocking_pids(ourPid)} every quarter of the timeout (at most every second) until the
 * transaction ends. Revisions that are quick never open that connection, nor start a thread.
 *
 * <p>Best effort: when the second connection cannot be had (a pool of one, no permission) nothing is seen, and
 * {@link #openTransactions} names the sessions whose transactions were open before ours instead.
 */
final class BlockingSessions implements AutoCloseable {
    /** Columns shared by both queries; {@code age} is how long the session's transaction has been open. */
    private static final String COLUMNS = "SELECT a.pid, a.usename, a.application_name, a.state, "
            + "extract(epoch FROM clock_timestamp() - coalesce(a.xact_start, a.query_start, a.backend_start)) * 1000, "
            + "a.query FROM pg_stat_activity a ";
    private static final String BLOCKING = COLUMNS + "WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.pid";
    private static final String OPEN = COLUMNS + "WHERE a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL "
            + "AND a.datname = current_database() AND a.backend_type = 'client backend' "
            + "AND a.xact_start < clock_timestamp() - ? * interval '1 millisecond' ORDER BY a.xact_start LIMIT 5";

    /** A session that holds (or waits in front of us for) a lock we need. */
    record Session(int pid, String user, String application, String state, Duration transactionAge, String query) {
        /** "pid 4711 (user app, application 'report', idle in transaction for 12.3 s, query: SELECT ...)". */
        String describe() {
            StringBuilder text = new StringBuilder("pid ").append(pid).append(" (user ").append(user);
            if (application != null && !application.isEmpty()) {
                text.append(", application '").append(application).append('\'');
            }
            text.append(", ").append(state == null ? "state unknown" : state).append(" for ")
                    .append(RuntimeLog.duration(transactionAge));
            if (query != null && !query.isBlank()) {
                text.append(", query: ").append(firstCharacters(query, 80));
            }
            return text.append(')').toString();
        }
    }

    /**
     * Starts the watchers when their first look is due: most revisions end before, and then cost one scheduled task,
     * not a thread. Daemon threads, created as needed, that end after a minute without work.
     */
    private static final ScheduledThreadPoolExecutor WATCHERS = new ScheduledThreadPoolExecutor(8, runnable -> {
        Thread thread = new Thread(runnable, "viewmigrate-lock-watcher");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHERS.setRemoveOnCancelPolicy(true);
        WATCHERS.setKeepAliveTime(1, TimeUnit.MINUTES);
        WATCHERS.allowCoreThreadTimeOut(true);
    }

    private final ConnectionSource connections;
    private final int pid;
    private final Duration timeout;
    private volatile ScheduledFuture<?> task;
    private volatile boolean stopped;
    private volatile List<Session> seen = List.of();

    private BlockingSessions(ConnectionSource connections, int pid, Duration timeout) {
        this.connections = connections;
        this.pid = pid;
        this.timeout = timeout;
    }

    /** Starts watching backend {@code pid} (our connection's, in its current transaction). */
    static BlockingSessions watch(ConnectionSource connections, int pid, Duration timeout) {
        BlockingSessions watcher = new BlockingSessions(connections, pid, timeout);
        watcher.task = WATCHERS.schedule((Runnable) watcher::watch, Math.max(10, timeout.toMillis() / 2), TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** The blockers seen last (empty when nothing was seen); read it after the statement timed out. */
    List<Session> seen() {
        return seen;
    }

    @Override
    public void close() {
        stopped = true;
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
    }

    /**
     * On a watcher thread: polls until {@link #close}. Up to eight watches run at once (concurrent runs in one JVM);
     * a ninth waits for a thread, so its blockers may be seen late or not at all (then the message falls back on
     * {@link #openTransactions}).
     */
    private void watch() {
        long every = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        try {
            if (stopped) {
                return;
            }
            try (Connection connection = connections.open();
                    PreparedStatement query = connection.prepareStatement(BLOCKING)) {
                query.setInt(1, pid);
                while (!stopped) {
                    List<Session> now = read(query);
                    if (!now.isEmpty()) {
                        seen = now;
                    }
                    Thread.sleep(every);
                }
            }
        } catch (InterruptedException e) {
            // close(): the transaction ended.
        } catch (SQLException | RuntimeException e) {
            // Best effort: the failure message falls back on openTransactions.
        }
    }

    /**
     * After the timeout, on our own connection (rolled back, so no lock of ours is left): the sessions whose
     * transactions have been open for longer than {@code olderThan}, oldest first, at most five. Among them, usually,
     * the one that blocked us.
     */
    static List<Session> openTransactions(Connection connection, Duration olderThan) {
        try (PreparedStatement query = connection.prepareStatement(OPEN)) {
            query.setLong(1, olderThan.toMillis());
            return read(query);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static List<Session> read(PreparedStatement query) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                sessions.add(new Session(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                        Duration.ofMillis(row.getLong(5)), row.getString(6)));
            }
        }
        return sessions;
    }

    /** The query on one line, its first {@code max} characters. */
    static String firstCharacters(String query, int max) {
        String line = query.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
