package dev.viewmigrate.example.sqlite.model;

import dev.viewmigrate.annotations.View;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * Every tune with the user's overrides, their latest practice and (since revision 3) the average quality; revision 3
 * also dropped the tune's mode.
 */
@Entity
@View(name = "practice_list_joined", sql = """
        SELECT t.id AS tune_id, coalesce(o.title, t.title) AS title, r.user_ref,
               max(r.practiced_at) AS last_practiced, avg(r.quality) AS avg_quality
        FROM tune t
        LEFT JOIN practice_record r ON r.tune_ref = t.id
        LEFT JOIN tune_override o ON o.tune_ref = t.id AND o.user_ref = r.user_ref
        GROUP BY t.id, r.user_ref""")
public class PracticeListJoined {
    @Id
    @Column(name = "tune_id")
    private long tuneId;

    private String title;

    @Column(name = "user_ref")
    private Long userRef;

    @Column(name = "last_practiced")
    private String lastPracticed;

    @Column(name = "avg_quality")
    private Double avgQuality;
}
