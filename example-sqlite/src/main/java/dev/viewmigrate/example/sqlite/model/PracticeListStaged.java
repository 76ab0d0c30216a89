package dev.viewmigrate.example.sqlite.model;

import dev.viewmigrate.annotations.View;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The practice list with what is due: reads {@code practice_list_joined}, so it is recreated with it. */
@Entity
@View(name = "practice_list_staged", sql = """
        SELECT j.tune_id, j.title, j.user_ref, j.last_practiced,
               j.last_practiced IS NULL OR j.last_practiced < date('now', '-7 days') AS due
        FROM practice_list_joined j""")
public class PracticeListStaged {
    @Id
    @Column(name = "tune_id")
    private long tuneId;

    private String title;

    @Column(name = "user_ref")
    private Long userRef;

    @Column(name = "last_practiced")
    private String lastPracticed;

    private boolean due;
}
