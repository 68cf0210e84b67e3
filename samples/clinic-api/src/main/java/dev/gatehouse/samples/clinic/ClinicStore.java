package dev.gatehouse.samples.clinic;

import dev.gatehouse.samples.clinic.Model.Appointment;
import dev.gatehouse.samples.clinic.Model.Message;
import dev.gatehouse.samples.clinic.Model.Patient;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory data, one {@link Account} per customer account. Reads go straight to concurrent sorted maps without a
 * lock; the writes of one account take that account's lock, so a patient's erasure and a new appointment for the same
 * patient cannot interleave, and a snapshot copies an account in one consistent state.
 */
final class ClinicStore {

    /** A value and its JSON, written once when the value is stored so that reads only copy bytes. */
    record Stored<T>(T value, byte[] json) {
    }

    /** What the data file holds. */
    record Snapshot(int version, Map<String, AccountSnapshot> accounts) {
    }

    record AccountSnapshot(List<Patient> patients, List<Appointment> appointments, List<Message> messages) {
    }

    final class Account {
        final String id;
        final ConcurrentSkipListMap<String, Stored<Patient>> patients = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<String, Stored<Appointment>> appointments = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<String, Stored<Message>> messages = new ConcurrentSkipListMap<>();
        private final ReentrantLock lock = new ReentrantLock();

        Account(String id) {
            this.id = id;
        }

        Stored<Patient> patient(String patientId) {
            return patients.get(patientId);
        }

        void lock() {
            lock.lock();
        }

        void unlock() {
            lock.unlock();
        }

        /** Stores a value (new or replacing one with the same id) and its JSON; call with the lock held. */
        <T> Stored<T> store(ConcurrentSkipListMap<String, Stored<T>> map, String id, T value) {
            Stored<T> stored = new Stored<>(value, json.writeValueAsBytes(value));
            map.put(id, stored);
            mutations.incrementAndGet();
            return stored;
        }

        /** Removes a patient with its appointments and messages; call with the lock held. */
        boolean erase(String patientId) {
            if (patients.remove(patientId) == null) {
                return false;
            }
            appointments.values().removeIf(a -> a.value().patientId().equals(patientId));
            messages.values().removeIf(m -> m.value().patientId().equals(patientId));
            mutations.incrementAndGet();
            return true;
        }

        AccountSnapshot snapshot() {
            lock();
            try {
                return new AccountSnapshot(values(patients), values(appointments), values(messages));
            } finally {
                unlock();
            }
        }

        void load(AccountSnapshot snapshot) {
            lock();
            try {
                for (Patient p : nonNull(snapshot.patients())) {
                    patients.put(p.id(), new Stored<>(p, json.writeValueAsBytes(p)));
                }
                for (Appointment a : nonNull(snapshot.appointments())) {
                    appointments.put(a.id(), new Stored<>(a, json.writeValueAsBytes(a)));
                }
                for (Message m : nonNull(snapshot.messages())) {
                    messages.put(m.id(), new Stored<>(m, json.writeValueAsBytes(m)));
                }
            } finally {
                unlock();
            }
        }
    }

    private final JsonMapper json;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong mutations = new AtomicLong();

    ClinicStore(JsonMapper json) {
        this.json = json;
    }

    /** The account's data, seeded on first use. */
    Account account(String accountId) {
        Account account = accounts.get(accountId);
        return account != null ? account : accounts.computeIfAbsent(accountId, this::seed);
    }

    private Account seed(String accountId) {
        ClinicSeed.Data data = ClinicSeed.generate(accountId);
        Account account = new Account(accountId);
        account.load(new AccountSnapshot(data.patients(), data.appointments(), data.messages()));
        mutations.incrementAndGet();
        return account;
    }

    /** Grows with every change; the persister compares it with the value it last wrote. */
    long mutations() {
        return mutations.get();
    }

    Snapshot snapshot() {
        Map<String, AccountSnapshot> copy = new TreeMap<>();
        accounts.forEach((id, account) -> copy.put(id, account.snapshot()));
        return new Snapshot(1, copy);
    }

    void load(Snapshot snapshot) {
        if (snapshot.accounts() == null) {
            return;
        }
        snapshot.accounts().forEach((id, data) -> {
            Account account = new Account(id);
            account.load(data);
            accounts.put(id, account);
        });
    }

    private static <T> List<T> values(ConcurrentSkipListMap<String, Stored<T>> map) {
        List<T> values = new ArrayList<>(map.size());
        map.values().forEach(s -> values.add(s.value()));
        return values;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
