package io.github.modelpool.smoke;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreStatus;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Calls every chat pool of the application once blocking and once streaming, in one
 * conversation, and every embedding pool once, and reports on standard output, one line
 * each, what answered: the serving member (from the pool's response metadata) and the
 * text, or the vector's length. Then the state
 * store's kind and whether it answered throughout; where the actuator exposes it over
 * JMX, what the {@code modelpools} endpoint lists; and the web server's port where there
 * is one, for the smoke test to read the endpoint over HTTP.
 * <p>
 * Only types every dependency set has (the starter's) appear here: this class is
 * compiled into every smoke application.
 */
@Component
class SmokeCalls implements ApplicationRunner {

	/** Where Spring Boot publishes the port of a running web server. */
	static final String SERVER_PORT_PROPERTY = "local.server.port";

	private static final String REPORT_PREFIX = "SMOKE ";

	private static final String CONVERSATION = "smoke-conversation";

	private static final String QUESTION = "smoke test";

	private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

	private final ModelPools pools;

	private final Environment environment;

	SmokeCalls(ModelPools pools, Environment environment) {
		this.pools = pools;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		report("aot=" + AotDetector.useGeneratedArtifacts());
		StateStore store = null;
		for (Pool any : this.pools) {
			store = any.getStateStore();
			if (any instanceof EmbeddingPool embeddings) {
				EmbeddingResponse vectors = embeddings.call(new EmbeddingRequest(List.of(QUESTION), null));
				report("pool=" + embeddings.getId() + " embed member="
						+ vectors.getMetadata().get(ModelPool.MEMBER_METADATA_KEY) + " dimensions="
						+ vectors.getResult().getOutput().length);
				continue;
			}
			ModelPool pool = (ModelPool) any;
			ChatResponse answer = ModelPoolContext.withConversation(CONVERSATION,
					() -> pool.call(new Prompt(QUESTION)));
			report("pool=" + pool.getId() + " call member=" + servedBy(List.of(answer)) + " text=" + text(answer));
			List<ChatResponse> chunks = pool.stream(new Prompt(QUESTION))
				.contextWrite(ModelPoolContext.conversation(CONVERSATION))
				.collectList()
				.block(STREAM_TIMEOUT);
			StringBuilder text = new StringBuilder();
			chunks.forEach((chunk) -> text.append(text(chunk)));
			report("pool=" + pool.getId() + " stream member=" + servedBy(chunks) + " text=" + text);
		}
		if (store != null) {
			StoreStatus status = store.status();
			report("store kind=" + store.kind().tag() + " reachable=" + status.reachable() + " last-error="
					+ Objects.toString(status.lastError(), "none"));
		}
		reportJmxEndpoint();
		String port = this.environment.getProperty(SERVER_PORT_PROPERTY);
		if (port != null) {
			report("web-port=" + port);
		}
	}

	/**
	 * The pools the actuator's {@code modelpools} endpoint lists over JMX, when the
	 * actuator is present and exposes it there.
	 */
	private void reportJmxEndpoint() throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Set<ObjectName> names = server.queryNames(new ObjectName("*:type=Endpoint,name=Modelpools,*"), null);
		for (ObjectName name : names) {
			Object body = server.invoke(name, "pools", new Object[0], new String[0]);
			Object pools = (body instanceof Map<?, ?> map) ? map.get("pools") : null;
			Set<String> ids = new TreeSet<>();
			if (pools instanceof Map<?, ?> byId) {
				byId.keySet().forEach((id) -> ids.add(String.valueOf(id)));
			}
			report("jmx-endpoint pools=" + String.join(",", ids));
		}
	}

	private static String servedBy(List<ChatResponse> responses) {
		Set<String> members = new TreeSet<>();
		for (ChatResponse response : responses) {
			Object member = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
			if (member != null) {
				members.add(member.toString());
			}
		}
		return members.isEmpty() ? "none" : String.join(",", members);
	}

	private static String text(ChatResponse response) {
		if (response.getResult() == null || response.getResult().getOutput() == null) {
			return "";
		}
		return Objects.toString(response.getResult().getOutput().getText(), "");
	}

	static void report(String line) {
		System.out.println(REPORT_PREFIX + line);
	}

}
