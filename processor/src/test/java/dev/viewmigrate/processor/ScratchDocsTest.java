package dev.viewmigrate.processor;

import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.generatedSource;

import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDocsTest {
    static String src(String sql) {
        return """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Table;

                @Table(name = "user_activity")
                @View(sql = \"""
                %s
                        \""")
                public class UserActivity {
                }
                """.formatted(sql);
    }

    @Test
    void dump(@TempDir Path snapshots) throws Exception {
        compiler(snapshots).compile(JavaFileObjects.forSourceString("com.example.UserActivity", src("""
                        SELECT u.id,
                               u.name,
                               count(p.id) AS post_count
                        FROM users u
                        LEFT JOIN posts p ON p.author_id = u.id
                        GROUP BY u.id, u.name""")));
        var c = compiler(snapshots).compile(JavaFileObjects.forSourceString("com.example.UserActivity", src("""
                        SELECT u.id,
                               u.name,
                               count(p.id) AS post_count,
                               min(p.created_at) AS first_post_date
                        FROM users u
                        LEFT JOIN posts p ON p.author_id = u.id
                        GROUP BY u.id, u.name""")));
        Files.writeString(Path.of("/tmp/Revision0002.java"), generatedSource(c, "viewmigrate.generated.Revision0002"));
    }
}
