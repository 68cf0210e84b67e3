package dev.gatehouse.samples.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;

/** Resource ids: a prefix and twelve base-36 characters, e.g. {@code pat_0k3x9q2m7a1z}. */
final class Ids {

    static final String PATIENT = "pat_";
    static final String APPOINTMENT = "apt_";
    static final String MESSAGE = "msg_";

    private static final long SPACE = 4_738_381_338_321_616_896L; // 36^12, fits a positive long
    private static final int WIDTH = 12;

    private Ids() {
    }

    static String random(String prefix) {
        return format(prefix, ThreadLocalRandom.current().nextLong(SPACE));
    }

    /** The same id for the same inputs in every JVM: seeded data gets ids that tests can compute. */
    static String derived(String prefix, String account, String kind, int index) {
        return format(prefix, Math.floorMod(hash64(account + '\u0000' + kind + '\u0000' + index), SPACE));
    }

    static long hash64(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + WIDTH || !id.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static String format(String prefix, long value) {
        String digits = Long.toString(value, 36);
        StringBuilder id = new StringBuilder(prefix.length() + WIDTH).append(prefix);
        for (int i = digits.length(); i < WIDTH; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
