package io.github.modelpool.smoke;

import java.util.TreeSet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A smoke application: started in a JVM of its own on exactly the class path of one
 * dependency set, it calls every pool once blocking and once streaming at startup and
 * reports what answered ({@link SmokeCalls}). An application with a web server keeps
 * running until the smoke test has read its endpoint and stops it. One without closes its
 * context, reports the threads still running that would keep the JVM alive, and exits:
 * the provider SDKs of Spring AI 2.0 keep theirs for a minute after their last call, so
 * the smoke test judges the names rather than wait for them.
 */
@SpringBootApplication
public class SmokeApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SmokeApplication.class, args);
		if (!context.getEnvironment().containsProperty(SmokeCalls.SERVER_PORT_PROPERTY)) {
			context.close();
			SmokeCalls.report("closed");
			SmokeCalls.report("threads-left=" + String.join(",", threadsKeepingTheJvmAlive()));
			System.exit(0);
		}
	}

	private static TreeSet<String> threadsKeepingTheJvmAlive() {
		TreeSet<String> names = new TreeSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && !thread.isDaemon() && thread != Thread.currentThread()
					&& !"DestroyJavaVM".equals(thread.getName())) {
				names.add(thread.getName());
			}
		}
		return names;
	}

}
