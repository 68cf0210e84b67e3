/*
 * CPU during a measured window, shared by the benchmark programs in this directory (the Java source
 * launcher compiles it with them): the server's processes (found by command line) and their
 * children such as PostgreSQL, this load generator, and the rest of the machine. Linux only.
 */

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class CpuMeter {

	final List<String> match;

	double server0 = -1, server1 = -1, client0, client1, busy0 = -1, busy1 = -1, seconds;

	CpuMeter(List<String> match) {
		this.match = match;
	}

	void begin() {
		server0 = serverTicks();
		client0 = clientCpu();
		busy0 = busyTicks();
	}

	void end() {
		server1 = serverTicks();
		client1 = clientCpu();
		busy1 = busyTicks();
	}

	/** Also keeps the window's wall time, for cores = CPU seconds / {@link #seconds}. */
	void end(double elapsed) {
		end();
		seconds = elapsed;
	}

	double serverSeconds() {
		return server0 < 0 || server1 < 0 ? -1 : (server1 - server0) / 100.0; // USER_HZ is 100 on Linux
	}

	double clientSeconds() {
		return client1 - client0;
	}

	/** CPU seconds used on the whole machine by neither the server nor this load generator. */
	double otherSeconds() {
		if (busy0 < 0 || busy1 < 0 || serverSeconds() < 0) {
			return -1;
		}
		return Math.max(0, (busy1 - busy0) / 100.0 - serverSeconds() - clientSeconds());
	}

	/** Busy ticks of all CPUs (user, nice, system, irq, softirq, steal) from /proc/stat. */
	static double busyTicks() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(f[i]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static double clientCpu() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun) {
			return sun.getProcessCpuTime() / 1e9;
		}
		return 0;
	}

	/** utime+stime of every process whose command line contains a match string, and of their descendants. */
	double serverTicks() {
		if (match.isEmpty()) {
			return -1;
		}
		try (var dirs = Files.list(Path.of("/proc"))) {
			Map<Long, long[]> stat = new HashMap<>(); // pid -> {ppid, ticks}
			List<Long> roots = new ArrayList<>();
			for (Path p : dirs.toList()) {
				String name = p.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String s = Files.readString(p.resolve("stat"));
					String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
					long pid = Long.parseLong(name);
					stat.put(pid, new long[] { Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]) });
					String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
					if (pid != ProcessHandle.current().pid() && match.stream().anyMatch(cmd::contains)) {
						roots.add(pid);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended meanwhile
				}
			}
			double ticks = 0;
			for (var e : stat.entrySet()) {
				long pid = e.getKey();
				for (int depth = 0; depth < 10 && pid > 1; depth++) {
					if (roots.contains(pid)) {
						ticks += e.getValue()[1];
						break;
					}
					long[] s = stat.get(pid);
					if (s == null) {
						break;
					}
					pid = s[0];
				}
			}
			return ticks;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
