package dev.viewmigrate.example;

import dev.viewmigrate.example.model.Post;
import dev.viewmigrate.example.model.User;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hibernate.SessionFactory;

/** The demo's users and posts, written through JPA once per database (later runs find them and add nothing). */
final class SampleData {
    /** How many users and posts the database holds after {@link #ensure}. */
    record Counts(long users, long posts, boolean created) {}

    private SampleData() {}

    static Counts ensure(SessionFactory orm) {
        return orm.fromTransaction(session -> {
            EntityManager em = session;
            long existing = em.createQuery("select count(u) from User u", Long.class).getSingleResult();
            if (existing == 0) {
                create(em);
            }
            long users = em.createQuery("select count(u) from User u", Long.class).getSingleResult();
            long posts = em.createQuery("select count(p) from Post p", Long.class).getSingleResult();
            return new Counts(users, posts, existing == 0);
        });
    }

    /** {@code username} (created when new) writes a post, dated now. */
    static void post(SessionFactory orm, String username, String title) {
        orm.inTransaction(session -> {
            User author = session.createSelectionQuery("from User where username = :username", User.class)
                    .setParameter("username", username)
                    .uniqueResultOptional()
                    .orElseGet(() -> {
                        User created = new User(username, username + "@example.com");
                        session.persist(created);
                        return created;
                    });
            session.persist(new Post(author, title, "Posted from the command line.",
                    OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)));
        });
    }

    private static void create(EntityManager em) {
        User alice = new User("alice", "alice@example.com");
        User bob = new User("bob", "bob@example.com");
        User carol = new User("carol", "carol@example.com");
        User dave = new User("dave", "dave@example.com"); // no posts: not an active contributor
        User erin = new User("erin", "erin@example.com");
        List.of(alice, bob, carol, dave, erin).forEach(em::persist);

        em.persist(new Post(alice, "Hello, world", "First post on the new blog.", utc(2024, 1, 15, 9, 30)));
        em.persist(new Post(alice, "Views are code", "Keep their SQL next to the entity.", utc(2024, 3, 2, 14, 0)));
        em.persist(new Post(alice, "Rollbacks that work", "downgrade -1, done.", utc(2024, 6, 20, 8, 15)));
        em.persist(new Post(bob, "First!", "Hi all.", utc(2024, 2, 10, 17, 45)));
        em.persist(new Post(carol, "Dashboards", "What the executives read.", utc(2024, 5, 5, 10, 0)));
        em.persist(new Post(carol, "Dashboards, part 2", "The view behind them.", utc(2024, 5, 6, 11, 30)));
        // erin joins today: the dashboard must count her right away.
        em.persist(new Post(erin, "Just joined", "Hello from the newest contributor.",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)));
    }

    private static OffsetDateTime utc(int year, int month, int day, int hour, int minute) {
        return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC);
    }
}
