package dev.gatehouse.samples.clinic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The last {@code capacity} requests, in a lock-free ring: one atomic increment and one store per request. */
final class RequestLog {

    private record Slot(long sequence, ReceivedRequest request) {
    }

    private final int capacity;
    private final AtomicReferenceArray<Slot> ring;
    private final AtomicLong next = new AtomicLong();
    private volatile long clearedBefore;

    RequestLog(int capacity) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(Math.max(capacity, 1));
    }

    boolean enabled() {
        return capacity > 0;
    }

    void add(ReceivedRequest request) {
        if (capacity == 0) {
            return;
        }
        long sequence = next.getAndIncrement();
        ring.set((int) (sequence % capacity), new Slot(sequence, request));
    }

    /** Oldest first. */
    List<ReceivedRequest> snapshot() {
        long end = next.get();
        long start = Math.max(Math.max(0, end - capacity), clearedBefore);
        List<ReceivedRequest> requests = new ArrayList<>((int) (end - start));
        for (long sequence = start; sequence < end; sequence++) {
            Slot slot = ring.get((int) (sequence % capacity));
            if (slot != null && slot.sequence() == sequence) {
                requests.add(slot.request());
            }
        }
        return requests;
    }

    void clear() {
        clearedBefore = next.get();
    }
}
