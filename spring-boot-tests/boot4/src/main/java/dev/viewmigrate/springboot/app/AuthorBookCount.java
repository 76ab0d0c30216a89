package dev.viewmigrate.springboot.app;

import dev.viewmigrate.annotations.View;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A view over the tables Flyway (or Liquibase) owns, read through JPA. */
@Entity
@Immutable
@Table(name = "author_book_counts")
@View(sql = """
        SELECT a.id, a.name, COUNT(b.id) AS book_count
        FROM authors a
        LEFT JOIN books b ON b.author_id = a.id
        GROUP BY a.id, a.name
        """)
public class AuthorBookCount {
    @Id
    private Long id;

    private String name;

    private long bookCount;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public long getBookCount() {
        return bookCount;
    }
}
