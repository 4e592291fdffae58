package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccountingTest {

    @Test
    void whatIsWrittenNextToAPartitionReadsBackTheSame() {
        Accounting written = new Accounting("clean-dimension customers", 2000, 1974, 26, 0, 0);
        assertEquals(written, Accounting.fromJson(written.toJson()));
    }

    @Test
    void aFileThatIsNotAnAccountingIsRefusedNamingWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Accounting.fromJson("{\"stage\": \"x\", \"read\": 1}"));
        assertEquals(true, e.getMessage().contains("\"accepted\""), e.getMessage());
    }
}
