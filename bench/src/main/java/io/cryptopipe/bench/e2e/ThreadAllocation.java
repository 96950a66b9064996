package io.cryptopipe.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bytes the JVM's threads allocated, by thread role. Allocation is what the garbage collector has to keep up with,
 * and unlike the committed rate it barely moves from run to run, so it shows what a change to a hot path did.
 *
 * <p>Counts only threads alive at the end: a thread that ended inside the window takes its bytes with it.
 */
public final class ThreadAllocation {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private final Map<Long, Long> bytesByThread;

    private ThreadAllocation(Map<Long, Long> bytesByThread) {
        this.bytesByThread = bytesByThread;
    }

    /** Bytes allocated in a window, in total and by role (the thread's name with its numbers taken out). */
    public record InWindow(long totalBytes, Map<String, Long> bytesByRole) {
        public InWindow {
            bytesByRole = Map.copyOf(bytesByRole);
        }

        /** The {@code count} roles that allocated most, largest first. */
        public List<Map.Entry<String, Long>> largest(int count) {
            return bytesByRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).limit(count).collect(Collectors.toList());
        }
    }

    public static ThreadAllocation now() {
        com.sun.management.ThreadMXBean threads = threads();
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> bytes = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] >= 0) {
                bytes.put(ids[i], allocated[i]);
            }
        }
        return new ThreadAllocation(bytes);
    }

    public InWindow since() {
        com.sun.management.ThreadMXBean threads = threads();
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<String, Long> byRole = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] < 0 || infos[i] == null) {
                continue;
            }
            long bytes = allocated[i] - bytesByThread.getOrDefault(ids[i], 0L);
            total += bytes;
            byRole.merge(role(infos[i].getThreadName()), bytes, Long::sum);
        }
        return new InWindow(total, byRole);
    }

    static String role(String threadName) {
        return NUMBERS.matcher(threadName).replaceAll("N");
    }

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return threads;
    }
}
