package io.clickstream.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerHistoryTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 20);

    private static Customer row(String segment, String updated) {
        return Customer.newBuilder().setCustomerId("C00025").setCountry("DE").setSegment(segment)
                .setSignupDate(LocalDate.of(2024, 1, 5)).setUpdatedAt(Instant.parse(updated)).build();
    }

    @Test
    void aChangeClosesTheCurrentVersionAndOrdersJoinTheVersionOfTheirTime() {
        List<CustomerVersion> v1 = CustomerHistory.merge(List.of(), row("consumer", "2026-11-19T21:00:00Z"), D1);
        List<CustomerVersion> same = CustomerHistory.merge(v1, row("consumer", "2026-11-20T21:00:00Z"), D1.plusDays(1));
        assertEquals(1, same.size());
        assertEquals(D1.plusDays(1), same.get(0).getLastSeen());
        List<CustomerVersion> v2 = CustomerHistory.merge(same, row("vip", "2026-11-21T21:00:00Z"), D1.plusDays(2));
        assertEquals(2, v2.size());
        assertEquals(Instant.parse("2026-11-21T21:00:00Z"), v2.get(0).getValidTo());
        assertEquals(v2.get(0).getValidTo(), v2.get(1).getValidFrom());
        assertEquals(List.of(false, true), v2.stream().map(CustomerVersion::getIsCurrent).toList());

        assertEquals("consumer", CustomerHistory.asOf(v2, Instant.parse("2026-11-21T20:59:59Z")).getSegment());
        assertEquals("vip", CustomerHistory.asOf(v2, Instant.parse("2026-11-21T21:00:00Z")).getSegment());
        assertEquals("consumer", CustomerHistory.asOf(v2, Instant.parse("2024-01-05T00:00:00Z")).getSegment());
        assertNull(CustomerHistory.asOf(v2, Instant.parse("2024-01-04T23:59:59Z")), "before signup");
    }

    @Test
    void aCustomerMissingFromTheSnapshotKeepsItsVersions() {
        List<CustomerVersion> v1 = CustomerHistory.merge(List.of(), row("business", "2026-11-19T21:00:00Z"), D1);
        List<CustomerVersion> after = CustomerHistory.merge(v1, null, D1.plusDays(1));
        assertEquals(1, after.size());
        assertSame(v1.get(0), after.get(0));
        assertEquals(D1, after.get(0).getLastSeen());
    }
}
