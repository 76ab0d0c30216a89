package dev.viewmigrate.springboot.app;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuthorBookCountRepository extends JpaRepository<AuthorBookCount, Long> {
    List<AuthorBookCount> findAllByOrderByName();
}
