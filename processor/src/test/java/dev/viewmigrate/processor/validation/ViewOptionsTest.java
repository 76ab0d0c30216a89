package dev.viewmigrate.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class ViewOptionsTest {
    private static String frozen(String entry, boolean materialized) {
        ViewOptions.Checked checked = ViewOptions.check(entry, materialized);
        assertThat(checked.problem()).isNull();
        return checked.normalised();
    }

    private static String problem(String entry, boolean materialized) {
        ViewOptions.Checked checked = ViewOptions.check(entry, materialized);
        assertThat(checked.normalised()).isNull();
        return checked.problem();
    }

    @Test
    void plainViewOptions_areNormalised() {
        assertThat(frozen(" Security_Invoker = ON ", false)).isEqualTo("security_invoker=true");
        assertThat(frozen("security_barrier=0", false)).isEqualTo("security_barrier=false");
        assertThat(frozen("check_option=CASCADED", false)).isEqualTo("check_option=cascaded");
    }

    @Test
    void storageParameters_areForMaterializedViews() {
        assertThat(frozen("fillfactor=70", true)).isEqualTo("fillfactor=70");
        assertThat(frozen("toast.autovacuum_enabled=off", true)).isEqualTo("toast.autovacuum_enabled=false");
        assertThat(frozen("autovacuum_vacuum_scale_factor=0.05", true))
                .isEqualTo("autovacuum_vacuum_scale_factor=0.05");
        assertThat(frozen("vacuum_index_cleanup=AUTO", true)).isEqualTo("vacuum_index_cleanup=auto");

        assertThat(problem("fillfactor=70", false)).contains("only a materialized view has");
        assertThat(problem("security_invoker=true", true)).contains("applies to plain views only");
        // PostgreSQL has no toast.autovacuum_analyze_* (a TOAST table is never analyzed).
        assertThat(problem("toast.autovacuum_analyze_threshold=10", true)).contains("is not one of");
    }

    @Test
    void valuesThatAreNotPlainWordsOrNumbers_areRefused() {
        assertThat(problem("fillfactor=70) WITH DATA; DROP TABLE t; --", true)).contains("must be a number");
        assertThat(problem("security_invoker=maybe", false)).contains("must be true or false");
        assertThat(problem("check_option", false)).isEqualTo("it is not name=value");
        assertThat(problem("no such=1", false)).contains("is not a parameter name");
    }
}
