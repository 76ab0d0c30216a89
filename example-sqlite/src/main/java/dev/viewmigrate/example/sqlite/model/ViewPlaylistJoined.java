package dev.viewmigrate.example.sqlite.model;

import dev.viewmigrate.annotations.View;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A user's playlist with each tune's title (the user's own title when they set one). */
@Entity
@View(name = "view_playlist_joined", sql = """
        SELECT p.user_ref, p.position, t.id AS tune_id, coalesce(o.title, t.title) AS title
        FROM playlist p
        JOIN tune t ON t.id = p.tune_ref
        LEFT JOIN tune_override o ON o.tune_ref = t.id AND o.user_ref = p.user_ref""")
public class ViewPlaylistJoined {
    @Id
    @Column(name = "tune_id")
    private long tuneId;

    @Column(name = "user_ref")
    private long userRef;

    private int position;

    private String title;
}
