package dev.viewmigrate.example.model;

import dev.viewmigrate.annotations.View;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * The executive dashboard's "Active Contributors": users with at least one post. Read-only: Hibernate maps it to the
 * view {@code active_users}, whose SQL lives right here and is versioned by viewmigrate at compile time.
 */
@Entity
@Immutable
@Table(name = "active_users")
@View(sql = """
        SELECT u.id,
               u.username,
               u.email,
               count(p.id) AS post_count
        FROM users u
        JOIN posts p ON p.user_id = u.id
        GROUP BY u.id, u.username, u.email
        """)
public class ActiveUser {
    @Id
    private Long id;

    private String username;

    private String email;

    @Column(name = "post_count")
    private long postCount;

    protected ActiveUser() {
        // for Hibernate
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getEmail() {
        return email;
    }

    public long getPostCount() {
        return postCount;
    }
}
