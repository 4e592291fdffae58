package io.clickstream.customers;

import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Slowly changing dimension type 2 for one customer: the history as of day D is the history as of D-1 plus
 * D's snapshot row. A changed row closes the current version at the snapshot's updated_at and opens the
 * next; an unchanged row only moves last_seen; a customer missing from D's snapshot keeps its versions
 * (last_seen tells since when it is gone). Tracked attributes: country, segment, signup_date.
 */
public final class CustomerHistory {

    private CustomerHistory() {
    }

    /**
     * @param previous the customer's versions as of D-1 (any order; empty for a new customer)
     * @param snapshot D's row, or null when D's snapshot does not list the customer
     */
    public static List<CustomerVersion> merge(List<CustomerVersion> previous, Customer snapshot, LocalDate day) {
        List<CustomerVersion> versions = new ArrayList<>(previous);
        versions.sort(Comparator.comparingInt(CustomerVersion::getVersion));
        if (snapshot == null) {
            return versions;
        }
        if (versions.isEmpty()) {
            versions.add(version(snapshot, 1, snapshot.getSignupDate().atStartOfDay(ZoneOffset.UTC).toInstant(), day));
            return versions;
        }
        CustomerVersion current = versions.get(versions.size() - 1);
        if (sameAttributes(current, snapshot)) {
            current.setLastSeen(day);
            return versions;
        }
        Instant changed = snapshot.getUpdatedAt();
        if (!changed.isAfter(current.getValidFrom())) {
            changed = current.getValidFrom().plusMillis(1);
        }
        current.setValidTo(changed);
        current.setIsCurrent(false);
        versions.add(version(snapshot, current.getVersion() + 1, changed, day));
        return versions;
    }

    private static boolean sameAttributes(CustomerVersion version, Customer row) {
        return version.getCountry().equals(row.getCountry()) && version.getSegment().equals(row.getSegment())
                && Objects.equals(version.getSignupDate(), row.getSignupDate());
    }

    private static CustomerVersion version(Customer row, int number, Instant validFrom, LocalDate day) {
        return CustomerVersion.newBuilder().setCustomerId(row.getCustomerId()).setVersion(number)
                .setCountry(row.getCountry()).setSegment(row.getSegment()).setSignupDate(row.getSignupDate())
                .setValidFrom(validFrom).setValidTo(null).setIsCurrent(true).setLastSeen(day).build();
    }

    /** The version valid at {@code at} (valid_from inclusive, valid_to exclusive), or null. */
    public static CustomerVersion asOf(List<CustomerVersion> versions, Instant at) {
        for (CustomerVersion version : versions) {
            if (!at.isBefore(version.getValidFrom()) && (version.getValidTo() == null || at.isBefore(version.getValidTo()))) {
                return version;
            }
        }
        return null;
    }
}
